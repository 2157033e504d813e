package org.cdphub.core.internal.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.rules.BlockedValues;

/**
 * Which identifiers of a stored fragment link: all of them except blocked placeholders (by the current rules) and
 * those the fragment dropped to respect a limit (stored with the fragment). Pure.
 */
public final class Linkable {

    private Linkable() {
    }

    /** The linking identifiers of {@code fragment}; {@code dropped} maps identifier keys to the reason. */
    public static List<Identifier> of(Fragment fragment, BlockedValues blocked, Map<String, String> dropped) {
        List<Identifier> linkable = new ArrayList<>();
        for (Identifier identifier : fragment.identifiers()) {
            if (!dropped.containsKey(identifier.key())
                    && blocked.reason(identifier.type(), identifier.value()).isEmpty()) {
                linkable.add(identifier);
            }
        }
        return linkable;
    }

    /** The identifiers of {@code fragment} that do not link, with the reason. */
    public static List<UnlinkedIdentifier> unlinked(Fragment fragment, BlockedValues blocked,
            Map<String, String> dropped) {
        List<UnlinkedIdentifier> unlinked = new ArrayList<>();
        for (Identifier identifier : fragment.identifiers()) {
            Optional<String> placeholder = blocked.reason(identifier.type(), identifier.value());
            if (placeholder.isPresent()) {
                unlinked.add(new UnlinkedIdentifier(fragment.source(), fragment.sourceRecordId(), identifier,
                        UnlinkedIdentifier.Kind.BLOCKED, placeholder.get()));
            } else if (dropped.containsKey(identifier.key())) {
                unlinked.add(new UnlinkedIdentifier(fragment.source(), fragment.sourceRecordId(), identifier,
                        UnlinkedIdentifier.Kind.DROPPED, dropped.get(identifier.key())));
            }
        }
        return unlinked;
    }
}

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
 * those the fragment dropped, to respect a limit or because the value is not valid (stored with the fragment in
 * {@code cdp_dropped_identifier}; an invalid value's reason starts with {@link #INVALID}). Pure.
 */
public final class Linkable {

    /** How the reason of a stored drop starts when the value was not valid for its type. */
    static final String INVALID = "not valid: ";

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

    /** The stored reason of an identifier whose value is not valid, from the normaliser's {@code error}. */
    static String invalidReason(String error) {
        return INVALID + error;
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
                String reason = dropped.get(identifier.key());
                boolean invalid = reason.startsWith(INVALID);
                unlinked.add(new UnlinkedIdentifier(fragment.source(), fragment.sourceRecordId(), identifier,
                        invalid ? UnlinkedIdentifier.Kind.INVALID : UnlinkedIdentifier.Kind.DROPPED,
                        invalid ? reason.substring(INVALID.length()) : reason));
            }
        }
        return unlinked;
    }
}

package org.cdphub.core.internal.merge;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.store.FragmentKey;

/**
 * A fragment of the batch that passed normalisation: identifiers normalised and de-duplicated, with its hash and the
 * identifiers that are blocked placeholders (still in the fragment, but they link nothing).
 */
record Candidate(Fragment fragment, FragmentKey key, String hash, List<UnlinkedIdentifier> blocked) {

    Candidate {
        blocked = List.copyOf(blocked);
    }

    /** The identifiers that may link, in the fragment's order. */
    List<Identifier> linkable() {
        Set<Identifier> skip = blocked.stream().map(UnlinkedIdentifier::identifier).collect(Collectors.toSet());
        return fragment.identifiers().stream().filter(i -> !skip.contains(i)).toList();
    }
}

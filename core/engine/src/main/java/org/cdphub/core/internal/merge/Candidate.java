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
 * identifiers that link nothing (blocked placeholders and invalid values, still in the fragment).
 */
record Candidate(Fragment fragment, FragmentKey key, String hash, List<UnlinkedIdentifier> unlinked) {

    Candidate {
        unlinked = List.copyOf(unlinked);
    }

    /** The identifiers that may link, in the fragment's order. */
    List<Identifier> linkable() {
        Set<Identifier> skip = unlinked.stream().map(UnlinkedIdentifier::identifier).collect(Collectors.toSet());
        return fragment.identifiers().stream().filter(i -> !skip.contains(i)).toList();
    }
}

package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.store.FragmentKey;

/**
 * A fragment of the batch that passed normalisation: identifiers normalised and de-duplicated, with its canonical JSON
 * (the document the store keeps) and its hash, the identifiers that link nothing (blocked placeholders and invalid
 * values, still in the fragment) and those that may link, in the fragment's order; and when it was sent to the hub
 * (null when unknown).
 */
record Candidate(Fragment fragment, FragmentKey key, String json, String hash, List<UnlinkedIdentifier> unlinked,
        List<Identifier> linkable, Instant sentAt) {

    static Candidate of(Fragment fragment, FragmentKey key, List<UnlinkedIdentifier> unlinked) {
        ContentHash.Canonical canonical = ContentHash.canonical(fragment);
        Set<Identifier> skip = unlinked.stream().map(UnlinkedIdentifier::identifier).collect(Collectors.toSet());
        return new Candidate(fragment, key, canonical.json(), canonical.hash(), List.copyOf(unlinked),
                fragment.identifiers().stream().filter(i -> !skip.contains(i)).toList(), null);
    }

    /** This candidate sent to the hub at {@code at} (null: unknown). */
    Candidate sentAt(Instant at) {
        return at == null ? this : new Candidate(fragment, key, json, hash, unlinked, linkable, at);
    }
}

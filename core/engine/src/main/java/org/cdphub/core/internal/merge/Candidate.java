package org.cdphub.core.internal.merge;

import org.cdphub.api.model.Fragment;
import org.cdphub.core.internal.store.FragmentKey;

/** A fragment of the batch that passed normalisation: identifiers normalised and de-duplicated, with its hash. */
record Candidate(Fragment fragment, FragmentKey key, String hash) {
}

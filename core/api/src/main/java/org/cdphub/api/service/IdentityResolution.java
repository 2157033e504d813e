package org.cdphub.api.service;

import java.util.List;
import org.cdphub.api.model.Fragment;

/** Merges fragments into unified profiles. */
public interface IdentityResolution {

    /**
     * Merges a batch of fragments in one transaction: fragments that share an identifier, directly or through other
     * fragments, stored or in the batch, end up in one profile. Redelivered fragments change nothing.
     */
    MergeResult merge(List<Fragment> fragments);
}

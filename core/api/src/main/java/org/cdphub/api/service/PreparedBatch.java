package org.cdphub.api.service;

import java.time.Instant;
import java.util.List;
import org.cdphub.api.model.Fragment;

/**
 * A batch of fragments made ready for {@link IdentityResolution#merge(PreparedBatch)} by
 * {@link IdentityResolution#prepare}: what a merge does before it needs the store (an engine normalises and hashes
 * each fragment) is done, on whichever thread called {@code prepare}. The merge stage prepares its next batch on
 * another core while the store merges the current one. Not changed once prepared; an implementation's own batches may
 * carry its work.
 */
public interface PreparedBatch {

    /** The fragments, as handed to {@code prepare}. */
    List<Fragment> fragments();

    /** When each fragment was sent (see {@link IdentityResolution#merge(List, List)}), or null for all. */
    List<Instant> sentAt();

    /** A batch with nothing done ahead: what an implementation without a {@code prepare} of its own hands back. */
    static PreparedBatch of(List<Fragment> fragments, List<Instant> sentAt) {
        if (sentAt != null && sentAt.size() != fragments.size()) {
            throw new IllegalArgumentException(sentAt.size() + " send times for " + fragments.size() + " fragments");
        }
        // both may hold nulls (a null fragment is refused by the merge; a send time may be unknown)
        List<Fragment> copy = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fragments));
        List<Instant> times = sentAt == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sentAt));
        return new PreparedBatch() {
            @Override
            public List<Fragment> fragments() {
                return copy;
            }

            @Override
            public List<Instant> sentAt() {
                return times;
            }
        };
    }
}

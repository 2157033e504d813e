package org.cdphub.api.service;

import java.time.Instant;
import java.util.List;
import org.cdphub.api.model.Fragment;

/** Merges fragments into unified profiles, and takes them out again. */
public interface IdentityResolution {

    /**
     * Merges a batch of fragments in one transaction: fragments that share an identifier, directly or through other
     * fragments, stored or in the batch, end up in one profile, within the configured identity rules (blocked
     * placeholder values and per-type limits). Redelivered fragments change nothing. A fragment whose
     * {@link Fragment#expiresAt()} has passed by the time it is merged is not stored: it removes the stored version of
     * its record, if any, as the expiry sweep would, and keeps out the versions observed at or before it.
     */
    MergeResult merge(List<Fragment> fragments);

    /**
     * As {@link #merge(List)}, with when each fragment was sent to the hub: {@code sentAt.get(i)} for
     * {@code fragments.get(i)}, by the connector runtime's clock, which orders what one connector instance sends
     * (null where unknown, or {@code null} for all). Between a removal and a version of its record, both with send
     * times, the one sent last wins, in whichever order the two arrive and whatever the source's observation times
     * say: a version sent at or before the removal changes nothing, one sent after it brings the record back (unless
     * the removal arrived after it: a removal always removes what is stored). Send times of different nodes are as
     * comparable as their clocks are in sync.
     *
     * <p>The default ignores {@code sentAt}.
     *
     * @throws IllegalArgumentException when {@code sentAt} is not null and not as long as {@code fragments}
     */
    default MergeResult merge(List<Fragment> fragments, List<Instant> sentAt) {
        if (sentAt != null && sentAt.size() != fragments.size()) {
            throw new IllegalArgumentException(sentAt.size() + " send times for " + fragments.size() + " fragments");
        }
        return merge(fragments);
    }

    /**
     * Does ahead what {@link #merge(List, List)} does before it needs the store, for a batch to be merged next with
     * {@link #merge(PreparedBatch)}: thread-safe, reads and writes nothing of the store, so that a caller can prepare
     * its next batch on another thread while the current one is merged. Bad fragments are not refused here but by the
     * merge, as {@link #merge(List, List)} would.
     *
     * <p>The default does nothing ahead.
     *
     * @throws IllegalArgumentException when {@code sentAt} is not null and not as long as {@code fragments}
     */
    default PreparedBatch prepare(List<Fragment> fragments, List<Instant> sentAt) {
        return PreparedBatch.of(fragments, sentAt);
    }

    /**
     * Merges a batch {@link #prepare}d by this implementation, as {@link #merge(List, List)} merges its fragments
     * (a batch prepared elsewhere is prepared again). The default merges the batch's fragments.
     */
    default MergeResult merge(PreparedBatch batch) {
        return merge(batch.fragments(), batch.sentAt());
    }

    /**
     * Removes the stored fragment of one source record (erasure or correction) in one transaction and re-computes its
     * profile: when the fragment was what held the profile together, the profile splits; when it was the last one,
     * the profile is removed. A fragment that is not stored changes nothing (counted as unchanged). An older or equal
     * version of the removed fragment delivered later changes nothing either.
     *
     * @throws UnsupportedOperationException when the implementation cannot remove fragments
     */
    default MergeResult remove(String source, String sourceRecordId) {
        return remove(source, List.of(sourceRecordId));
    }

    /** Removes the stored fragments of several records of one source in one transaction, as {@link #remove}. */
    default MergeResult remove(String source, List<String> sourceRecordIds) {
        throw new UnsupportedOperationException("this identity resolution cannot remove fragments");
    }

    /**
     * Removes the stored fragments of several records of one source, as {@link #remove}, sent to the hub at
     * {@code sentAt} (the connector runtime's clock, see {@link #merge(List, List)}): a fragment of one of these records
     * sent at or before {@code sentAt} that arrives later changes nothing, also when the record was not stored yet (its
     * removal overtook it, or it waited in a dead-letter queue), and one sent after it is merged again. A removal
     * always removes what is stored, even a version sent after it that arrived first. {@code null}: versions observed
     * at or before the removed one stay out, and an unknown record leaves nothing behind.
     *
     * <p>The default ignores {@code sentAt}.
     */
    default MergeResult remove(String source, List<String> sourceRecordIds, Instant sentAt) {
        return remove(source, sourceRecordIds);
    }

    /**
     * Removes up to {@code max} stored fragments whose {@link Fragment#expiresAt()} has passed, in one transaction, as
     * {@link #remove} would. Call again while the result says something changed.
     */
    default MergeResult expire(int max) {
        return new MergeResult(List.of(), List.of(), 0, List.of());
    }

    /**
     * Deletes up to {@code max} of the tombstones that expired records left, once they keep out nothing that could
     * still be stored: a day past {@link Fragment#MAX_TIME_TO_LIVE} after the expired version was observed, every
     * version they keep out that has an expiry has expired too (a version without one is taken again after that).
     * Tombstones of removals are kept. In one transaction; call again while it returns {@code max}.
     *
     * @return how many went
     */
    default int forgetTombstones(int max) {
        return 0;
    }
}

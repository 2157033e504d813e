package org.cdphub.api.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Changes the store committed that the pipeline has yet to announce to the segment stage. A merge, removal or expiry
 * round records what it changed in its own transaction ({@link MergeResult#pendingChange()}); whoever announces the
 * change acknowledges it after the announcement is safely sent. A change whose announcement was lost (the node
 * stopped between the store's commit and the broker's, or the broker transaction rolled back) stays pending, and a
 * sweep claims and announces it. A change may still be announced twice (a batch slower than the sweep's delay, an
 * acknowledgement lost with its node): a changed profile is evaluated as it is then, and changes nothing the second
 * time, but the exits of an absorbed profile from its segments are sent again.
 */
public interface PendingChanges {

    /**
     * A recorded change: the profiles changed or created, and those absorbed into others; {@code committedAt} is when
     * it was committed, or last claimed.
     */
    record Pending(long id, Instant committedAt, List<String> profileIds, List<MergeResult.Absorbed> absorbed) {

        public Pending {
            profileIds = List.copyOf(profileIds);
            absorbed = List.copyOf(absorbed);
        }
    }

    /**
     * Claims the changes committed (or last claimed) before {@code before} and not acknowledged, oldest first, at most
     * {@code max}: their time becomes {@code now}, so that another sweep, on this node or another, does not take them
     * until they are as old again (the nodes' clocks must agree). Acknowledge each once announced; one not
     * acknowledged is due again later.
     */
    List<Pending> claimDue(Instant before, Instant now, int max);

    /** Forgets the changes with these ids (announced); unknown ids are ignored. */
    void announced(Collection<Long> ids);
}

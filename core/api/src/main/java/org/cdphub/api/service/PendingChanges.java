package org.cdphub.api.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Changes the store committed that the pipeline has yet to announce to the segment stage. A merge, removal or expiry
 * round records what it changed in its own transaction ({@link MergeResult#pendingChange()}); whoever announces the
 * change acknowledges it after the announcement is safely sent. A change whose announcement was lost (the node
 * stopped between the store's commit and the broker's, or the broker transaction rolled back) stays pending, and a
 * sweep announces it again. Announcing twice is harmless: a profile is evaluated as it is when its message is taken.
 */
public interface PendingChanges {

    /** A recorded change: the profiles changed or created, and those absorbed into others. */
    record Pending(long id, Instant committedAt, List<String> profileIds, List<MergeResult.Absorbed> absorbed) {

        public Pending {
            profileIds = List.copyOf(profileIds);
            absorbed = List.copyOf(absorbed);
        }
    }

    /** Changes committed before {@code before} and not acknowledged, oldest first, at most {@code max}. */
    List<Pending> committedBefore(Instant before, int max);

    /** Forgets the changes with these ids (announced); unknown ids are ignored. */
    void announced(Collection<Long> ids);
}

package org.cdphub.routes.internal.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cdphub.api.service.PendingChanges;

/**
 * The store's {@link PendingChanges}, with the announced ones forgotten in batches: {@link #announced} only queues the
 * ids, and {@link #flush} (the {@code core.pending.forget} route, every second) deletes what is queued in one store
 * transaction. A merge stage's batch thus costs no store transaction of its own after its broker commit, which on
 * PostgreSQL would wait for a WAL flush per batch on the stage's thread. Ids still queued when the node stops stay
 * pending, and the sweep announces them again (harmless).
 */
final class BatchedForgetting implements PendingChanges {

    /** Most ids deleted in one flush; the next flush goes on. */
    static final int MAX_PER_FLUSH = 10_000;

    private final PendingChanges store;
    private final Queue<Long> announced = new ConcurrentLinkedQueue<>();

    BatchedForgetting(PendingChanges store) {
        this.store = store;
    }

    @Override
    public List<Pending> claimDue(Instant before, Instant now, int max) {
        return store.claimDue(before, now, max);
    }

    @Override
    public void announced(Collection<Long> ids) {
        announced.addAll(ids);
    }

    /** Deletes the queued ids from the store; returns how many. On a failure they stay pending (and are swept). */
    int flush() {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < MAX_PER_FLUSH) {
            Long id = announced.poll();
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            store.announced(ids);
        }
        return ids.size();
    }
}

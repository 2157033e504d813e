package org.cdphub.routes.internal.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cdphub.api.service.PendingChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@link PendingChanges}, with the announced ones forgotten in batches: {@link #announced} only queues the
 * ids, and {@link #flush} (the {@code core.pending.forget} route, every second, and the pipeline when it stops)
 * deletes what is queued in one store transaction. A merge stage's batch thus costs no store transaction of its own
 * after its broker commit, which on PostgreSQL would wait for a WAL flush per batch on the stage's thread. Ids the
 * store cannot take now are queued again; beyond {@value #MAX_QUEUED} waiting (the store down for long) further ones
 * are dropped. A dropped id, or one still queued when the node stops, leaves its change pending: the sweep announces
 * it again, which is harmless for a changed profile.
 */
final class BatchedForgetting implements PendingChanges {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedForgetting.class);
    /** Most ids deleted in one flush; the next flush goes on. */
    static final int MAX_PER_FLUSH = 10_000;
    /** Most ids waiting. */
    static final int MAX_QUEUED = 200_000;

    private final PendingChanges store;
    private final Queue<Long> announced = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean warnedFull = new AtomicBoolean();

    BatchedForgetting(PendingChanges store) {
        this.store = store;
    }

    @Override
    public List<Pending> claimDue(Instant before, Instant now, int max) {
        return store.claimDue(before, now, max);
    }

    @Override
    public void announced(Collection<Long> ids) {
        for (Long id : ids) {
            if (queued.incrementAndGet() > MAX_QUEUED) {
                queued.decrementAndGet();
                if (warnedFull.compareAndSet(false, true)) {
                    LOG.warn("{} announced changes wait to be deleted from the store; further ones stay pending and"
                            + " are announced again by the sweep", MAX_QUEUED);
                }
                continue;
            }
            announced.add(id);
        }
    }

    /**
     * Deletes up to {@value #MAX_PER_FLUSH} queued ids from the store; returns how many. When the store fails they are
     * queued again and the failure is thrown.
     */
    int flush() {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < MAX_PER_FLUSH) {
            Long id = announced.poll();
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return 0;
        }
        try {
            store.announced(ids);
        } catch (RuntimeException e) {
            announced.addAll(ids);
            throw e;
        }
        queued.addAndGet(-ids.size());
        warnedFull.set(false);
        return ids.size();
    }

    /** Flushes until nothing is queued (the pipeline stopping); a failure leaves the rest pending, logged. */
    void flushAll() {
        try {
            while (flush() > 0) {
                // the next share
            }
        } catch (RuntimeException e) {
            LOG.warn("{} announced changes not deleted from the store at stop ({}); the sweep announces them again",
                    queued.get(), e.toString());
        }
    }
}

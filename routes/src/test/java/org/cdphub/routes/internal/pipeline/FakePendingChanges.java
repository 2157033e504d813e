package org.cdphub.routes.internal.pipeline;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;

/** Pending changes in memory, as the store keeps them: recorded, claimed (their time moves on) and acknowledged. */
final class FakePendingChanges implements PendingChanges {

    /** The changes still pending. */
    final List<Pending> pending = new CopyOnWriteArrayList<>();
    /** The ids acknowledged, in order. */
    final List<Long> announced = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Records what {@code result} changed at {@code now}, as the engine does in its transaction. */
    MergeResult record(MergeResult result, Instant now) {
        if (!result.changesProfiles()) {
            return result;
        }
        long id = ids.incrementAndGet();
        pending.add(new Pending(id, now, result.changedProfileIds(), result.absorbed()));
        return result.withPendingChange(id);
    }

    @Override
    public List<Pending> claimDue(Instant before, Instant now, int max) {
        List<Pending> due = pending.stream().filter(p -> p.committedAt().isBefore(before)).limit(max).toList();
        due.forEach(p -> pending.set(pending.indexOf(p), new Pending(p.id(), now, p.profileIds(), p.absorbed())));
        return due;
    }

    @Override
    public void announced(Collection<Long> done) {
        pending.removeIf(p -> done.contains(p.id())); // first: a test that sees an id announced sees it done
        announced.addAll(done);
    }
}

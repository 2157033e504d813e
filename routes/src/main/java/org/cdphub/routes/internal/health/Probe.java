package org.cdphub.routes.internal.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * One check of a part, run on the probe's own thread, at most one at a time: while a check has not come back (a store
 * whose pool waits 30 s for a connection, a failover URL that keeps trying), the next callers wait for that same check
 * instead of starting another, so that frequent probes of a part that hangs hold one thread, not one each.
 */
final class Probe {

    private final BooleanSupplier check;
    private final Executor executor;
    private CompletableFuture<Boolean> running;

    Probe(BooleanSupplier check, Executor executor) {
        this.check = check;
        this.executor = executor;
    }

    /** The check under way, or a new one. A check that throws counts as down. */
    synchronized CompletableFuture<Boolean> ask() {
        if (running == null || running.isDone()) {
            try {
                running = CompletableFuture.supplyAsync(check::getAsBoolean, executor).exceptionally(e -> false);
            } catch (RejectedExecutionException e) { // the component is being stopped
                return CompletableFuture.completedFuture(false);
            }
        }
        return running;
    }
}

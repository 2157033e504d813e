package org.cdphub.routes.internal.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One check of a part, run on the probe's own thread, at most one at a time: while a check has not come back (a store
 * whose pool waits 30 s for a connection, a failover URL that keeps trying, a hung mount), the next callers wait for
 * that same check instead of starting another, so that frequent probes of a part that hangs hold one thread, not one
 * each.
 *
 * @param <T> the answer
 */
final class Probe<T> {

    private final Supplier<T> check;
    private final T failed;
    private final Executor executor;
    private CompletableFuture<T> running;

    /** @param failed the answer when the check throws, or cannot be started (the component is being stopped) */
    Probe(Supplier<T> check, T failed, Executor executor) {
        this.check = check;
        this.failed = failed;
        this.executor = executor;
    }

    /** The check under way, or a new one. */
    synchronized CompletableFuture<T> ask() {
        if (running == null || running.isDone()) {
            try {
                running = CompletableFuture.supplyAsync(check, executor).exceptionally(e -> failed);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(failed);
            }
        }
        return running;
    }
}

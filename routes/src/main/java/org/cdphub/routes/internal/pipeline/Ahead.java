package org.cdphub.routes.internal.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Work handed to an executor that whoever claims it first does: a thread of the executor, or the caller of
 * {@link #get} when no thread has begun it by then, so that the caller never waits behind other work queued on the
 * executor. An exception of the work is thrown by {@link #get}. Work that is never asked for is still done once a
 * thread of the executor gets to it, and dropped.
 */
final class Ahead<R> implements Runnable {

    /** Dropped once claimed, so that a task left on the executor's queue holds nothing. */
    private Supplier<R> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<R> result = new CompletableFuture<>();

    private Ahead(Supplier<R> work) {
        this.work = work;
    }

    /** Work not handed to any executor: {@link #get} does it. */
    static <R> Ahead<R> later(Supplier<R> work) {
        return new Ahead<>(work);
    }

    /** Work handed to {@code executor} now. */
    static <R> Ahead<R> start(Supplier<R> work, Executor executor) {
        Ahead<R> ahead = new Ahead<>(work);
        executor.execute(ahead);
        return ahead;
    }

    @Override
    public void run() {
        if (claimed.compareAndSet(false, true)) {
            try {
                work();
            } catch (RuntimeException | Error e) {
                // kept for get()
            }
        }
    }

    /** The result: worked out here when no thread has claimed the work yet, else waited for. */
    R get() {
        if (claimed.compareAndSet(false, true)) {
            return work();
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Does the work (by the thread that claimed it) and keeps its outcome for every later {@link #get}. */
    private R work() {
        Supplier<R> claimedWork = work;
        work = null;
        try {
            R value = claimedWork.get();
            result.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            throw e;
        }
    }
}

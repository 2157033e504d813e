package org.cdphub.core.internal.segment;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Computes {@code work} for every item of a list on the calling thread and on the cores' other threads, and hands the
 * results to the caller's {@link Sink} one by one in list order, as soon as each is there: the caller consumes
 * (writes to the database) while the other cores go on computing. Items are claimed in order, so the caller never
 * waits for an item nobody has started; when it would wait, it computes the next unclaimed item itself. Memory: the
 * results not yet consumed (at most the list).
 */
final class InOrderWork<I, R> {

    /** Consumes results in order; may throw what the caller's work throws. */
    @FunctionalInterface
    interface Sink<R, E extends Exception> {
        void accept(R result) throws E;
    }

    private final List<I> items;
    private final Function<I, R> work;
    private final AtomicReferenceArray<Object> results;
    private final AtomicInteger nextClaim = new AtomicInteger();
    private volatile boolean cancelled;

    private InOrderWork(List<I> items, Function<I, R> work) {
        this.items = items;
        this.work = work;
        this.results = new AtomicReferenceArray<>(items.size());
    }

    /** Runs {@code work} (which never returns null) over {@code items}; gives the results to {@code sink} in order. */
    static <I, R, E extends Exception> void run(List<I> items, Function<I, R> work, Sink<R, E> sink) throws E {
        new InOrderWork<>(items, work).run(sink);
    }

    @SuppressWarnings("unchecked")
    private <E extends Exception> void run(Sink<R, E> sink) throws E {
        int helpers = Math.min(ForkJoinPool.getCommonPoolParallelism(), items.size() - 1);
        for (int h = 0; h < helpers; h++) {
            // straight to the pool: CompletableFuture would start a thread per task when its parallelism is 1
            ForkJoinPool.commonPool().execute(this::claimAll);
        }
        try {
            for (int i = 0; i < items.size(); i++) {
                Object result;
                while ((result = results.get(i)) == null) {
                    if (!claimOne()) {
                        Thread.onSpinWait();
                        synchronized (this) {
                            if (results.get(i) == null) {
                                waitQuietly();
                            }
                        }
                    }
                }
                if (result instanceof Failure failure) {
                    if (failure.error() instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure.error();
                }
                results.set(i, Boolean.TRUE); // consumed: let it be collected
                sink.accept((R) result);
            }
        } finally {
            cancelled = true;
        }
    }

    private void claimAll() {
        while (!cancelled && claimOne()) {
            // claims until none is left
        }
    }

    /** Computes the next unclaimed item; false when every item is claimed. */
    private boolean claimOne() {
        int i = nextClaim.getAndIncrement();
        if (i >= items.size()) {
            return false;
        }
        Object result;
        try {
            result = work.apply(items.get(i));
        } catch (RuntimeException | Error e) {
            result = new Failure(e);
        }
        results.set(i, result);
        synchronized (this) {
            notifyAll();
        }
        return true;
    }

    private void waitQuietly() {
        try {
            wait(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        }
    }

    private record Failure(Throwable error) {
    }
}

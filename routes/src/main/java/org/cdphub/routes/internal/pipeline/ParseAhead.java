package org.cdphub.routes.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * Works a function out over a list in order, up to {@code window} items ahead of the one asked for, on an executor:
 * the merge stage reads the JSON of the next messages of its batch while it merges the current ones, and holds at
 * most {@code window} messages read ahead. An item that no thread of the executor has begun when it is asked for is
 * worked out on the caller's thread, so that the caller never waits behind other work queued on the executor; with a
 * window of 0, or a list of one, everything happens there. An exception of the function is thrown by {@link #get} for
 * that item only. Items that are never asked for (the caller failed) are still worked out, at most {@code window} of
 * them, and dropped.
 */
final class ParseAhead<T, R> {

    private final List<T> items;
    private final Function<T, R> function;
    private final int window;
    private final Executor executor;
    private final List<Ahead<R>> started = new ArrayList<>();

    ParseAhead(List<T> items, Function<T, R> function, int window) {
        this(items, function, window, ForkJoinPool.commonPool());
    }

    ParseAhead(List<T> items, Function<T, R> function, int window, Executor executor) {
        if (window < 0) {
            throw new IllegalArgumentException("window must be 0 or more, got " + window);
        }
        this.items = List.copyOf(items);
        this.function = function;
        this.window = items.size() > 1 ? window : 0;
        this.executor = executor;
    }

    /** The result for item {@code i}, asked for in order (0, 1, 2…); starts the items up to {@code i + window}. */
    R get(int i) {
        int last = Math.min(items.size() - 1, i + window);
        while (started.size() <= last) {
            T item = items.get(started.size());
            // the one asked for now is the caller's
            started.add(started.size() > i ? Ahead.start(() -> function.apply(item), executor)
                    : Ahead.later(() -> function.apply(item)));
        }
        Ahead<R> task = started.set(i, null); // the caller holds the result from now on
        return task == null ? function.apply(items.get(i)) : task.get();
    }
}

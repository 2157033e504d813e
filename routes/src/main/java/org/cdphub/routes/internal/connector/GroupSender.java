package org.cdphub.routes.internal.connector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the batches that concurrent callers hand it in as few sends as it can (group commit): while one send is under
 * way, the batches of the callers that arrive meanwhile wait, and the first of them then sends them all together, up
 * to {@code max} items per send. A caller returns once its items are sent (or throws what the send threw), so a
 * caller that answers its client after that still answers only for what is safely on its way. There is no timer: a
 * caller alone is sent at once, and the batches only grow while the sender is busy. Order is the order of arrival.
 * A caller's batch of more than {@code max} items is sent alone, whole.
 *
 * @param <T> the items (fragments, and source record ids to remove)
 */
final class GroupSender<T> {

    /** Sends one group; throws when it could not be sent. */
    @FunctionalInterface
    interface Sender<T> {
        void send(List<T> items) throws Exception;
    }

    private enum Turn { LEAD, SENT }

    private record Pending<T>(List<? extends T> items, CompletableFuture<Turn> turn) {
    }

    private final int max;
    private final Sender<T> sender;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private boolean sending;

    GroupSender(int max, Sender<T> sender) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        this.max = max;
        this.sender = sender;
    }

    /** Batches in the queue: while a send is under way, those waiting for the next one (for tests). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code items}, alone or with the batches of other callers; returns once they are sent. */
    void send(List<? extends T> items) throws Exception {
        Pending<T> mine = new Pending<>(items, new CompletableFuture<>());
        lock.lock();
        try {
            queue.add(mine);
            if (!sending) {
                sending = true;
                mine.turn().complete(Turn.LEAD);
            }
        } finally {
            lock.unlock();
        }
        if (await(mine.turn()) == Turn.SENT) {
            return;
        }
        // this caller leads: it is the head of the queue and sends a group that starts with its own items
        List<Pending<T>> group = takeGroup();
        Throwable failure = null;
        boolean interrupted = Thread.interrupted(); // an interrupt of this caller must not fail the others' send
        try {
            List<T> all = new ArrayList<>();
            group.forEach(p -> all.addAll(p.items()));
            sender.send(all);
        } catch (Throwable e) {
            failure = e;
        } finally {
            handOver(group, mine, failure);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Gives the lead to the next waiting caller (if any) and tells the others of the group how their send went. */
    private void handOver(List<Pending<T>> group, Pending<T> leader, Throwable failure) {
        lock.lock();
        try {
            Pending<T> next = queue.peek();
            if (next == null) {
                sending = false;
            } else {
                next.turn().complete(Turn.LEAD); // the next group is sent by its first caller, not by this one
            }
        } finally {
            lock.unlock();
        }
        for (Pending<T> p : group) {
            if (p != leader) {
                if (failure == null) {
                    p.turn().complete(Turn.SENT);
                } else {
                    p.turn().completeExceptionally(failure);
                }
            }
        }
    }

    /** The head of the queue and the batches after it, up to {@code max} items (at least the head). */
    private List<Pending<T>> takeGroup() {
        List<Pending<T>> group = new ArrayList<>();
        int n = 0;
        lock.lock();
        try {
            while (!queue.isEmpty() && (group.isEmpty() || n + queue.peek().items().size() <= max)) {
                Pending<T> p = queue.poll();
                group.add(p);
                n += p.items().size();
            }
        } finally {
            lock.unlock();
        }
        return group;
    }

    /**
     * Waits for the caller's turn without giving way to interrupts: a caller that left while its items wait would leave
     * the group it was to lead without a sender.
     */
    private static Turn await(CompletableFuture<Turn> turn) throws Exception {
        try {
            return turn.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}

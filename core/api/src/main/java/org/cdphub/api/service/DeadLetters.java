package org.cdphub.api.service;

import java.util.List;
import org.cdphub.api.model.DeadLetter;

/**
 * The records the hub could not take, as they wait in its dead-letter queues (the core stages', one per connector, and
 * those into which the broker moved messages after their delivery attempts), read without taking them off: for an
 * operator who fixes them at the source, and who then moves the broker's back to be taken again ({@link #retry}).
 */
public interface DeadLetters {

    /** Queues that must be read to count them (the broker's management not open to the hub) are read this far. */
    int COUNT_LIMIT = 10_000;

    /**
     * Every dead-letter queue of the hub, the core stages' first, then the connectors' by id, then the broker's that
     * exist ({@code DLQ.<address>}) by name.
     *
     * @throws IllegalStateException when the broker cannot be read (a connector's queue that cannot be read alone has
     *                               the count -1)
     */
    List<DeadLetterQueue> queues();

    /**
     * The broker's dead-letter queues that exist ({@code DLQ.<address>}), by name, without counting them (for the
     * console's completion); empty where the broker's management does not answer the hub.
     */
    default List<String> brokerQueues() {
        return List.of();
    }

    /**
     * Up to {@code limit} records of one queue, oldest first.
     *
     * @param queue the queue's name, its connector's id, or {@code core}
     * @throws IllegalArgumentException when no dead-letter queue of the hub goes by that name
     */
    List<DeadLetter> read(String queue, int limit);

    /**
     * Moves every message of one of the broker's dead-letter queues ({@code DLQ.<address>}) back to the address it was
     * taken from, to be taken again (Artemis' {@code retryMessages}), once what made it fail is fixed. The hub's own
     * dead-letter queues hold records it refused, which are fixed at their source, and are not retried; nor is the
     * membership topic's ({@code DLQ.cdp.membership.changes}), whose messages the broker would send to every outbound
     * connector again.
     *
     * @param queue the broker's dead-letter queue, as {@link #queues()} lists it
     * @return the messages moved back
     * @throws IllegalArgumentException when {@code queue} is not a dead-letter queue of the broker that exists
     * @throws IllegalStateException    when the broker's management is not open to the hub
     */
    long retry(String queue);
}

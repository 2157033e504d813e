package org.cdphub.routes.internal.broker;

import java.util.List;
import java.util.Map;
import org.cdphub.routes.internal.Received;

/**
 * Reads what waits on queues without taking it off (a JMS queue browser, the broker's management): for the console,
 * not for stages.
 */
public interface QueueReader {

    /** Up to {@code max} messages of the anycast queue {@code queue}, oldest first. */
    List<Received> peek(String queue, int max);

    /**
     * Up to {@code max} messages of {@code queue}, oldest first, only if the broker has that queue (its management
     * answering the hub), read by its fully qualified name ({@code address::queue}) so that nothing is created: for
     * queues the broker creates itself, such as its dead-letter queues on {@code DLA}.
     *
     * @return empty as well when the queue is not there or its messages cannot be known
     */
    List<Received> peekExisting(String queue, int max);

    /**
     * How many messages wait on each of {@code queues}, in their order. Counted by the broker where its management
     * answers the hub (exact; a queue it does not have counts 0 and is not created); otherwise by reading each queue up
     * to {@code max} messages ({@link Count#more} when more wait), which creates a queue that does not exist yet.
     *
     * @return a count per queue; -1 for a queue that could not be read (the reason is logged)
     * @throws IllegalStateException when the broker cannot be read at all
     */
    Map<String, Count> count(List<String> queues, int max);

    /**
     * The broker's queues whose names start with {@code prefix}, sorted; empty when its management does not answer the
     * hub (nothing here creates a queue).
     */
    List<String> queueNames(String prefix);

    /**
     * Messages waiting on a queue.
     *
     * @param count the messages, -1 when the queue could not be read
     * @param more  whether more than {@code count} wait (counted by reading, up to a limit)
     */
    record Count(long count, boolean more) {
    }
}

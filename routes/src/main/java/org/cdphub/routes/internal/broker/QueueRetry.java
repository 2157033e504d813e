package org.cdphub.routes.internal.broker;

import java.util.OptionalLong;

/** Moves what the broker dead-lettered back to where it came from: for the console, not for stages. */
public interface QueueRetry {

    /**
     * Moves every message of the broker's queue {@code queue} (a {@code DLQ.<address>} queue) back to the address it
     * was dead-lettered from, through the broker's management (over AMQP to every queue of that address: the broker
     * does not keep the subscription a message came from).
     *
     * @return the messages moved, or empty when the broker has no such queue
     * @throws IllegalStateException when the broker's management is not open to the hub, does not answer, or refuses
     */
    OptionalLong retry(String queue);
}

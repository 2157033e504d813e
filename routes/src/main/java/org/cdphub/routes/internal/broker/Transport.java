package org.cdphub.routes.internal.broker;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Policy;

/**
 * How stages reach each other. The only place that knows the broker: it installs its component into a Camel context
 * and turns addresses into endpoint URIs. Routes receive the URIs and stay transport-free, so tests run them over
 * {@code seda:} or {@code direct:}.
 */
public interface Transport {

    /** Makes the transport's component available in {@code context}. */
    void install(CamelContext context);

    /** URI to send to an anycast queue. */
    String sendTo(String address);

    /**
     * URI to consume from an anycast queue in batches ({@link BatchConsumer}): each exchange carries up to
     * {@code maxMessages} messages as a {@code List<}{@link org.cdphub.routes.internal.Received}{@code >}, all taken
     * off the queue in one transaction with what the route sends on; a failed batch is rolled back, taken again after
     * a wait, and a message goes to the broker's dead-letter address after the configured attempts. A batch holds the
     * messages that are there already, so a light load still goes one message at a time, without delay.
     */
    String consumeBatchesFrom(String address, int maxMessages);

    /**
     * As {@link #consumeBatchesFrom(String, int)}, for a stage that needs something the broker cannot see (the store):
     * {@code available} names a {@link java.util.function.BooleanSupplier} bound in the Camel registry of the context
     * whose route consumes the URI. After a rolled-back batch the consumer asks it; while it answers false the consumer
     * stays closed (the broker may give the fetched messages and their groups to another node's consumer meanwhile)
     * and asks again every few seconds, so that an outage spends one delivery attempt of the failed batch's messages
     * on this node, however long it lasts.
     */
    String consumeBatchesFrom(String address, int maxMessages, String available);

    /**
     * A policy under which what the wrapped processors send through this transport goes out in one transaction,
     * committed when they finish and rolled back when they fail: for routes that no transacted consumer starts (a
     * timer's, a file's), which would otherwise send one message per broker round trip. In a route that a transacted
     * consumer started, the sends join the consumer's transaction.
     */
    Policy sendsInOneTransaction();

    /** URI to publish to a multicast address. */
    String publish(String address);

    /**
     * URI of a shared durable subscription queue {@code subscription} on a multicast address (it survives restarts),
     * taken in batches of up to {@code maxMessages} as {@link #consumeBatchesFrom} takes a queue.
     */
    String subscribeInBatches(String address, String subscription, int maxMessages);

    /**
     * Whether the broker takes a new connection and a session now (both closed again; the stages' pooled connections
     * are not touched). Throws nothing. May block as long as the client waits for the broker: a {@code failover:} URL
     * keeps trying, so a caller that must answer in time bounds the wait itself.
     */
    boolean answers();
}

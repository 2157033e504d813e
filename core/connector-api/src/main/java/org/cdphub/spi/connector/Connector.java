package org.cdphub.spi.connector;

import java.util.Optional;
import org.apache.camel.RoutesBuilder;

/**
 * A connector instance, registered as an OSGi service by a connector bundle (usually one service per factory
 * configuration). The hub's connector runtime picks it up, gives it a Camel context of its own and endpoint URIs, and
 * adds its routes. A connector never names a queue or a broker: it reads and writes only the URIs in its
 * {@link ConnectorContext}.
 *
 * <p>A connector checks its settings when it is created and throws an {@link IllegalArgumentException} whose message
 * starts with the key ({@code "batch.size: must be between 1 and 1000, got 0"}): the configuration then starts no
 * connector, and {@code cdp:connectors} lists it with that message ({@link ConnectorRegistry#refusedConfigurations}).
 * Declare numeric settings as {@code String} in the configuration annotation and parse them yourself (connector
 * support's {@code ConfigValues.number}): a value DS cannot convert fails before your code runs, in a message that
 * names no key.
 */
public interface Connector {

    ConnectorInfo info();

    /**
     * The connector's routes. Route ids follow {@link RouteIds#connector(String, String)}.
     * <p>
     * The runtime gives the connector's Camel context no error handler, so that a failure travels back to it (an
     * outbound delivery is retried and dead-lettered by the runtime; a failed send of fragments fails the step that
     * sent them). A connector that retries on its own with {@code onException} (a poll of a source that is down) must
     * declare {@code errorHandler(defaultErrorHandler())} in its route builder: without an error handler Camel does
     * not apply {@code onException} at all. The runtime hands an outbound connector each delivery on an exchange of
     * its own, so what the connector does to headers cannot touch the runtime's retries.
     *
     * @param context endpoint URIs and counters for this instance
     */
    RoutesBuilder routes(ConnectorContext context);

    /**
     * For outbound connectors: the consent, as {@code purpose/channel} (for example {@code marketing/sms}), a person
     * must have granted before anything about them reaches this destination. The runtime checks it at send time and
     * counts what it holds back. Empty for inbound connectors and destinations that need none.
     */
    default Optional<String> requiredConsent() {
        return Optional.empty();
    }

    /**
     * For outbound connectors: the most membership changes one delivery takes (one HTTP request, one audience
     * upload). 1, the default: the runtime sends each change on its own to
     * {@link ConnectorContext#membershipChangesUri()}. More: it sends lists of up to this many changes, in the order
     * they arrived, to {@link ConnectorContext#membershipChangeBatchesUri()} instead; a list that still fails after
     * the retries is dead-lettered change by change. The runtime takes at most {@value #MAX_DELIVERY_BATCH} at once.
     */
    default int deliveryBatchSize() {
        return 1;
    }

    /**
     * For inbound connectors: whether each source record is sent once and never changes after (every tracking call is
     * a record of its own, with its own message id). Then the runtime need not keep a record's versions in order: it
     * sends what the connector hands in at once as one message, instead of one per record group of the connector
     * (up to eight, each of a handful of fragments for a small batch), and any node may merge it. Should a record
     * come twice all the same (a client's retry after the connector forgot its id), its two versions are merged in
     * the order they reach the merge stage: the one observed later wins, and of two observed at the same time the
     * one merged last. False, the default: a record's fragments and removals are merged in the order they were sent,
     * whichever node merges them (docs/scaling.md).
     */
    default boolean sendsEachRecordOnce() {
        return false;
    }

    /** The largest list of membership changes the runtime hands to an outbound connector at once. */
    int MAX_DELIVERY_BATCH = 1000;
}

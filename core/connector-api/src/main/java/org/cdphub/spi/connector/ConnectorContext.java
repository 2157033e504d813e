package org.cdphub.spi.connector;

/**
 * What the runtime hands a connector instance. The URIs point at endpoints inside the connector's own Camel context;
 * the runtime connects them to the broker.
 */
public interface ConnectorContext {

    /** The connector instance id. */
    String connectorId();

    /**
     * Inbound connectors send fragments here: the body is a {@code List<Fragment>} (one batch; keep batches to a few
     * hundred fragments).
     */
    String fragmentsUri();

    /**
     * Outbound connectors consume membership changes from here: the body is one
     * {@link org.cdphub.api.model.MembershipChange}, already checked against the consent the connector requires.
     */
    String membershipChangesUri();

    /**
     * Outbound connectors whose {@link Connector#deliveryBatchSize()} is more than 1 consume membership changes from
     * here instead: the body is a {@code List<MembershipChange>} of up to that many, in order, each already checked
     * against the consent the connector requires.
     */
    default String membershipChangeBatchesUri() {
        throw new UnsupportedOperationException("this runtime delivers membership changes one at a time");
    }

    /**
     * Inbound connectors send deletions here: the body is a {@code List<String>} of this connector's source record
     * ids (the {@code sourceRecordId} of fragments it sent before) that the source deleted. The hub erases each
     * record's fragment and re-computes its profile, which may split or disappear. A fragment of one of these records
     * that the connector instance sent before the removal changes nothing, even when it reaches the merge stage after
     * it; one sent after it (the record re-created) is merged again, unless it reached the merge stage first (a removal
     * always removes what is stored). The order is the runtime's: when the removal and the fragment reached it.
     */
    default String removalsUri() {
        throw new UnsupportedOperationException("this runtime takes no removals");
    }

    /** Checkpoints of this instance, kept in the hub's store. */
    default Checkpoints checkpoints() {
        throw new UnsupportedOperationException("this runtime keeps no checkpoints");
    }

    /**
     * Records that cannot be taken go here, the body being one {@link org.cdphub.api.model.DeadLetter} or a
     * {@code List} of them. Each becomes an entry of the connector's dead-letter queue; a list goes out in one broker
     * transaction, which is much faster for many (a file's rejected rows).
     */
    String deadLetterUri();

    /**
     * A consumer endpoint for HTTP requests to {@code path} (for example {@code /v1/track}) on the hub's HTTP port,
     * which all connectors share; add {@code ?httpMethodRestrict=POST} and similar options as needed. The request
     * body arrives as bytes exactly as sent (a gzip body is not decoded), except a form-encoded body
     * ({@code application/x-www-form-urlencoded}), which arrives as a {@code Map} of its fields; headers arrive as
     * message headers.
     */
    default String httpUri(String path) {
        throw new UnsupportedOperationException("this runtime offers no HTTP endpoints");
    }

    /** Counters shown by {@code cdp:connectors}. */
    ConnectorMetrics metrics();
}

package org.cdphub.routes.internal.connector;

import java.time.Clock;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.broker.Transport;
import org.cdphub.routes.internal.http.HttpServer;
import org.cdphub.api.service.CheckpointStore;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;

/** One running connector: its own Camel context with the connector's routes and the runtime's bridge routes. */
final class ConnectorInstance {

    private final Connector connector;
    private final ConnectorInfo info;
    private final Counters counters;
    private volatile ConnectorState state = ConnectorState.STARTING;
    private CamelContext context;
    /**
     * Most messages an outbound connector's subscription gives in one transaction (each holds changes of the
     * profiles of one message group, up to {@code SegmentRoute.CHANGES_PER_MESSAGE}). The changes reach the connector
     * one at a time (or in lists, see {@link org.cdphub.spi.connector.Connector#deliveryBatchSize()}), in order; only
     * the acknowledgement to the broker is shared.
     */
    static final int OUTBOUND_BATCH = 100;

    ConnectorInstance(Connector connector, Clock clock) {
        this.connector = connector;
        this.info = connector.info();
        this.counters = new Counters(clock);
    }

    synchronized void start(Transport transport, HttpServer http, CheckpointStore checkpoints, Clock clock) {
        String id = info.id();
        try {
            context = CamelRuntime.newContext("connector-" + id);
            transport.install(context);
            http.share(context);
            // failures travel back to the runtime's bridge routes, which retry and dead-letter them
            context.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
            context.getManagementStrategy().addEventNotifier(new FailureNotifier(counters));
            int deliveryBatch = deliveryBatch(connector);
            BridgeRoutes.Endpoints endpoints = new BridgeRoutes.Endpoints(
                    transport.sendTo(Addresses.FRAGMENTS),
                    transport.sendTo(Addresses.connectorDeadLetter(id)),
                    info.direction() == Direction.OUTBOUND
                            ? transport.subscribeInBatches(Addresses.MEMBERSHIP_CHANGES,
                                    Addresses.outboundSubscription(id), Math.max(OUTBOUND_BATCH, deliveryBatch))
                            : null,
                    deliveryBatch, transport.sendsInOneTransaction());
            Optional<String> consent = info.direction() == Direction.OUTBOUND ? connector.requiredConsent()
                    : Optional.empty();
            CamelRuntime.start(context, new BridgeRoutes(id, endpoints, consent, counters, clock,
                    groupsRecords(connector)),
                    connector.routes(new Context(id, counters, new StoredCheckpoints(checkpoints, id))));
            state = ConnectorState.RUNNING;
        } catch (RuntimeException e) {
            state = ConnectorState.FAILED;
            counters.failure("start failed: " + e.getMessage());
            CamelRuntime.stop(context);
        }
    }

    /**
     * Whether the bridge sends what the connector hands in as one message per record group (keeping a record's versions
     * and removals in order, {@link RecordGroups}): always, except for an inbound connector that sends each record once
     * ({@link Connector#sendsEachRecordOnce()}, the tracking API), whose batches go as one message of no group. The option
     * is for inbound connectors: whatever an outbound connector says, what it may send keeps the groups.
     */
    static boolean groupsRecords(Connector connector) {
        return !(connector.info().direction() == Direction.INBOUND && connector.sendsEachRecordOnce());
    }

    /** The connector's delivery batch size, within 1 and {@link Connector#MAX_DELIVERY_BATCH}. */
    static int deliveryBatch(Connector connector) {
        int size = connector.deliveryBatchSize();
        if (size < 1 || size > Connector.MAX_DELIVERY_BATCH) {
            throw new IllegalArgumentException("delivery batch size must be 1 to " + Connector.MAX_DELIVERY_BATCH
                    + ", connector gives " + size);
        }
        return size;
    }

    /** Another instance already uses this id: refuse to start, say so on the console. */
    synchronized void failDuplicate() {
        state = ConnectorState.FAILED;
        counters.failure("id '" + info.id() + "' is already used by another connector instance: give this one another id");
    }

    synchronized void stop() {
        CamelRuntime.stop(context);
        state = ConnectorState.STOPPED;
    }

    String id() {
        return info.id();
    }

    ConnectorStatus status() {
        Counters.LastError lastError = counters.lastError.get();
        return new ConnectorStatus(info, state, counters.read.get(), counters.sent.get(), counters.delivered.get(),
                counters.deadLettered.get(), counters.withheld.get(), counters.removed.get(),
                lastError == null ? null : lastError.message(), lastError == null ? null : lastError.at(),
                counters.lastActivity.get());
    }

    private record Context(String connectorId, ConnectorMetrics metrics, Checkpoints checkpoints)
            implements ConnectorContext {

        @Override
        public String fragmentsUri() {
            return BridgeRoutes.FRAGMENTS;
        }

        @Override
        public String removalsUri() {
            return BridgeRoutes.REMOVALS;
        }

        @Override
        public String membershipChangesUri() {
            return BridgeRoutes.MEMBERSHIP_CHANGES;
        }

        @Override
        public String membershipChangeBatchesUri() {
            return BridgeRoutes.MEMBERSHIP_CHANGE_BATCHES;
        }

        @Override
        public String deadLetterUri() {
            return BridgeRoutes.DEAD_LETTER;
        }

        @Override
        public String httpUri(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("HTTP path must start with '/', got '" + path + "'");
            }
            return "platform-http:" + path;
        }
    }

    /** Records the last failed exchange of any of the connector's routes, for the console. */
    private static final class FailureNotifier extends EventNotifierSupport {
        private final Counters counters;

        FailureNotifier(Counters counters) {
            this.counters = counters;
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeFailedEvent failed && failed.getExchange().getException() != null) {
                counters.failure(failed.getExchange().getException().getMessage());
            }
        }
    }
}

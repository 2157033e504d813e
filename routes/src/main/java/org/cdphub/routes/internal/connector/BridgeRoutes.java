package org.cdphub.routes.internal.connector;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.spi.connector.RouteIds;

/**
 * The runtime's side of a connector's Camel context: the endpoints a connector talks to ({@code direct:} URIs) and
 * the routes that connect them to the broker, count what passes, and enforce consent before anything reaches an
 * outbound connector.
 */
final class BridgeRoutes extends RouteBuilder {

    static final String FRAGMENTS = "direct:cdp.fragments";
    static final String REMOVALS = "direct:cdp.removals";
    static final String DEAD_LETTER = "direct:cdp.dead-letter";
    static final String MEMBERSHIP_CHANGES = "direct:cdp.membership-changes";

    /** Where the bridge sends and reads; built by the runtime from the transport. */
    record Endpoints(String fragments, String deadLetter, String membershipSubscription) {
    }

    private final String connectorId;
    private final Endpoints endpoints;
    private final Optional<String> requiredConsent;
    private final Counters counters;
    private final Clock clock;

    BridgeRoutes(String connectorId, Endpoints endpoints, Optional<String> requiredConsent, Counters counters,
            Clock clock) {
        this.connectorId = connectorId;
        this.endpoints = endpoints;
        this.requiredConsent = requiredConsent;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler());

        from(FRAGMENTS).routeId(RouteIds.connector(connectorId, "emit"))
                .process(this::fragmentBatch)
                .to(endpoints.fragments());

        from(REMOVALS).routeId(RouteIds.connector(connectorId, "remove"))
                .process(this::removals)
                .to(endpoints.fragments());

        from(DEAD_LETTER).routeId(RouteIds.connector(connectorId, "dead-letter"))
                .process(this::deadLetter)
                .to(endpoints.deadLetter());

        if (endpoints.membershipSubscription() != null) {
            from(endpoints.membershipSubscription()).routeId(RouteIds.connector(connectorId, "intake"))
                    .onException(Exception.class)
                        .maximumRedeliveries(3).redeliveryDelay(500).useExponentialBackOff()
                        .handled(true)
                        .process(this::failedDelivery)
                        .to(DEAD_LETTER)
                    .end()
                    .process(e -> e.getMessage().setBody(Received.of(e.getMessage()).stream().map(Received::body)
                            .toList()))
                    .split(body()) // a batch, in order; a change that fails is dead-lettered and the next one goes
                        .process(this::membershipChange)
                        .choice()
                            .when(body().isInstanceOf(MembershipChange.class)).to(MEMBERSHIP_CHANGES)
                            .when(body().isInstanceOf(DeadLetter.class)).to(DEAD_LETTER)
                        .end()
                    .end();
        }
    }

    private void fragmentBatch(Exchange exchange) throws InvalidPayloadException {
        List<?> batch = exchange.getMessage().getMandatoryBody(List.class);
        counters.sent(batch.size());
        exchange.getMessage().removeHeaders("*"); // nothing of the source (HTTP headers, file names) reaches the broker
        exchange.getMessage().setHeader(Headers.SOURCE, connectorId);
        exchange.getMessage().setHeader(Headers.BATCH_SIZE, batch.size());
        exchange.getMessage().setBody(CdpJson.write(batch));
    }

    /** Removals travel on the fragments queue, so that they stay in order with the fragments they erase. */
    private void removals(Exchange exchange) throws InvalidPayloadException {
        List<?> ids = exchange.getMessage().getMandatoryBody(List.class);
        List<String> recordIds = ids.stream().map(id -> {
            if (!(id instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("removals must be non-empty source record ids, got " + id);
            }
            return s;
        }).toList();
        counters.removed(recordIds.size());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Headers.SOURCE, connectorId);
        exchange.getMessage().setHeader(Headers.KIND, Headers.KIND_REMOVALS);
        exchange.getMessage().setHeader(Headers.BATCH_SIZE, recordIds.size());
        exchange.getMessage().setBody(CdpJson.write(recordIds));
    }

    private void deadLetter(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        DeadLetter dead = body instanceof DeadLetter d ? d
                : new DeadLetter(RouteIds.connector(connectorId, "unknown"), connectorId, null,
                        "connector sent something other than a DeadLetter", String.valueOf(body), clock.instant());
        counters.deadLettered(dead.reason());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Headers.SOURCE, connectorId);
        exchange.getMessage().setHeader(Headers.REASON, dead.reason());
        exchange.getMessage().setBody(CdpJson.write(dead));
    }

    private void membershipChange(Exchange exchange) {
        String json = exchange.getMessage().getBody(String.class);
        MembershipChange change;
        try {
            change = CdpJson.read(json, MembershipChange.class);
        } catch (IllegalArgumentException e) {
            exchange.getMessage().setBody(new DeadLetter(RouteIds.connector(connectorId, "intake"), connectorId, null,
                    "not a membership change: " + e.getMessage(), json, clock.instant()));
            return;
        }
        if (change.kind() == MembershipChange.Kind.ENTERED && !consented(change.consents())) {
            counters.withheld();
            exchange.getMessage().setBody(null);
            return;
        }
        counters.sent(1);
        exchange.getMessage().setBody(change);
    }

    /** Entries need the destination's consent; exits always pass, since removing a person only reduces data. */
    private boolean consented(List<Consent> consents) {
        if (requiredConsent.isEmpty()) {
            return true;
        }
        String required = requiredConsent.get();
        return consents.stream().anyMatch(c -> c.key().equals(required) && c.granted());
    }

    private void failedDelivery(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "delivery failed after retries: " + (cause == null ? "unknown error" : cause.getMessage());
        counters.failure(reason);
        Object body = exchange.getMessage().getBody();
        String raw = body instanceof String s ? s : CdpJson.write(body);
        exchange.getMessage().setBody(new DeadLetter(RouteIds.connector(connectorId, "deliver"), connectorId, null,
                reason, raw, clock.instant()));
    }
}

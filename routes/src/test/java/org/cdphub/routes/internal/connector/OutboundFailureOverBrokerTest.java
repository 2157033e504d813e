package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.routes.internal.broker.AmqpTransport;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An outbound connector whose destination always fails, its subscription taken from a real broker in batches as the
 * runtime does: the change is tried four times within seconds, then it is in the connector's dead-letter queue with
 * the reason, and the next change is delivered; also when the connector's route removes every header (Camel keeps
 * an exchange's redelivery count in one: a connector working on the runtime's exchange reset it, so a change was
 * tried once a minute for ever).
 */
class OutboundFailureOverBrokerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String TOPIC = "membership";
    private static final String DLQ = "hook.dlq";

    private TestBroker broker;
    private AmqpTransport amqp;
    private final Counters counters = new Counters(CLOCK);

    @AfterEach
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aChangeTheDestinationRefusesIsDeadLetteredAfterItsRetriesAndTheNextIsDelivered() throws Exception {
        refusedThenDelivered(1, BridgeRoutes.MEMBERSHIP_CHANGES);
    }

    @Test
    void aListTheDestinationRefusesIsDeadLetteredAfterItsRetriesAndTheNextIsDelivered() throws Exception {
        refusedThenDelivered(10, BridgeRoutes.MEMBERSHIP_CHANGE_BATCHES);
    }

    /** A connector taking changes one at a time ({@code deliveryBatch} 1) or in lists, from {@code endpoint}. */
    private void refusedThenDelivered(int deliveryBatch, String endpoint) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        CamelContext context = connector(deliveryBatch, new RouteBuilder() {
            @Override
            public void configure() {
                from(endpoint)
                        .removeHeaders("*") // as the webhook connector does before its HTTP call
                        .process(e -> {
                            Object body = e.getMessage().getBody();
                            List<?> changes = body instanceof List<?> list ? list : List.of(body);
                            List<String> ids = changes.stream().map(c -> ((MembershipChange) c).profileId()).toList();
                            if (ids.contains("p-bad")) {
                                attempts.incrementAndGet();
                                throw new IllegalStateException("HTTP 500 from destination");
                            }
                            delivered.addAll(ids);
                        });
            }
        });

        long start = System.nanoTime();
        var template = context.createProducerTemplate();
        template.sendBody(amqp.publish(TOPIC), CdpJson.write(List.of(change("p-bad"))));
        TestBroker.await(() -> counters.deadLettered.get() == 1); // a list holding p-good as well would fail whole
        template.sendBody(amqp.publish(TOPIC), CdpJson.write(List.of(change("p-good"))));

        TestBroker.await(() -> delivered.contains("p-good"));
        double seconds = (System.nanoTime() - start) / 1e9;
        DeadLetter letter = CdpJson.read(broker.receiveOne(DLQ), DeadLetter.class);
        assertThat(letter.reason()).contains("HTTP 500 from destination");
        assertThat(CdpJson.read(letter.raw(), MembershipChange.class).profileId()).isEqualTo("p-bad");
        assertThat(attempts).hasValue(4); // the first try and three redeliveries
        assertThat(seconds).as("retried with a back-off of seconds, not minutes").isLessThan(30);
        assertThat(delivered).containsExactly("p-good");
    }

    @Test
    void aStopDuringRetriesLeavesTheChangesOnTheBrokerInsteadOfDeadLetteringThem() throws Exception {
        List<String> attempted = new CopyOnWriteArrayList<>();
        CamelContext context = connector(1, new RouteBuilder() {
            @Override
            public void configure() {
                from(BridgeRoutes.MEMBERSHIP_CHANGES).process(e -> {
                    attempted.add(e.getMessage().getBody(MembershipChange.class).profileId());
                    throw new IllegalStateException("HTTP 503 from destination"); // the destination is down
                });
            }
        });
        // five changes in one message: each would be tried four times over 3.5 s before the next
        context.createProducerTemplate().sendBody(amqp.publish(TOPIC), CdpJson.write(
                List.of(change("p-1"), change("p-2"), change("p-3"), change("p-4"), change("p-5"))));
        TestBroker.await(() -> !attempted.isEmpty());

        long start = System.nanoTime();
        context.stop(); // the hub stopping while the destination is down
        double seconds = (System.nanoTime() - start) / 1e9;

        // before: 29 s, five changes each tried four times over 3.5 s, then dead-lettered; now at most the retry
        // whose wait was under way (up to 2 s)
        assertThat(seconds).as("a stop does not sit out the retries of the changes in hand").isLessThan(10);
        assertThat(attempted).as("the rest of a batch that goes back anyway is not tried").containsOnly("p-1");
        assertThat(counters.deadLettered).as("a stop is no reason to give a change up").hasValue(0);
        assertThat(broker.server().locateQueue(SimpleString.of(DLQ))).satisfiesAnyOf(
                q -> assertThat(q).isNull(), q -> assertThat(q.getMessageCount()).isZero());
        TestBroker.await(() -> broker.server().locateQueue(SimpleString.of("outbound.hook:global"))
                .getMessageCount() == 1); // the message is still there, for the next start
    }

    /**
     * A connector context on a real broker as the runtime sets one up: the bridge's routes with the outbound
     * subscription taken in batches, {@code routes} as the connector's, and no error handler but the bridge's own.
     */
    private CamelContext connector(int deliveryBatch, RouteBuilder routes) throws Exception {
        broker = TestBroker.start(5);
        amqp = new AmqpTransport(broker.connectionFactory());
        BridgeRoutes.Endpoints endpoints = new BridgeRoutes.Endpoints(amqp.sendTo("fragments"), amqp.sendTo(DLQ),
                amqp.subscribeInBatches(TOPIC, "outbound.hook", 100), deliveryBatch, amqp.sendsInOneTransaction());
        CamelContext context = broker.startContext(Map.of());
        context.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
        context.addRoutes(new BridgeRoutes("hook", endpoints, Optional.empty(), counters, CLOCK));
        context.addRoutes(routes);
        // the subscription's queue is made by the consumer's thread once the route has started
        TestBroker.await(() -> broker.server().locateQueue(SimpleString.of("outbound.hook:global")) != null);
        return context;
    }

    private static MembershipChange change(String profileId) {
        return new MembershipChange(profileId, "vip", MembershipChange.Kind.ENTERED, CLOCK.instant(), "evaluated",
                List.of(), List.of(new Consent("marketing", "email", ConsentStatus.GRANTED, CLOCK.instant(), "crm")));
    }
}

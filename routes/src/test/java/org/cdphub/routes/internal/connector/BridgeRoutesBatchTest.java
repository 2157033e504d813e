package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.Test;

/** An outbound connector that takes lists of changes (delivery batch 2): order, consent, retries, dead letters. */
class BridgeRoutesBatchTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final Counters counters = new Counters(CLOCK);
    private int failuresToGo;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        BridgeRoutes.Endpoints endpoints = new BridgeRoutes.Endpoints("mock:fragments", "mock:dead", "direct:topic",
                2);
        return new RoutesBuilder[] {
            new BridgeRoutes("audience", endpoints, Optional.of("marketing/ads"), counters, CLOCK),
            new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from(BridgeRoutes.MEMBERSHIP_CHANGE_BATCHES).process(e -> {
                        e.getMessage().setBody(CdpJson.write(e.getMessage().getBody())); // a request body
                        if (failuresToGo-- > 0) {
                            throw new IllegalStateException("HTTP 429 from the audience API");
                        }
                    }).to("mock:destination");
                }
            }
        };
    }

    @Test
    void changesGoInOrderInListsOfTheBatchSizeWithoutTheWithheldAndTheBroken() throws Exception {
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(2);
        getMockEndpoint("mock:dead").expectedMessageCount(1);

        template.sendBody("direct:topic", List.of(received(change("p-1", MembershipChange.Kind.ENTERED, true)),
                new Received("garbage", Map.of()),
                received(change("p-2", MembershipChange.Kind.ENTERED, false)),
                received(change("p-3", MembershipChange.Kind.EXITED, false)),
                received(change("p-4", MembershipChange.Kind.ENTERED, true)),
                received(change("p-5", MembershipChange.Kind.EXITED, true))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(destination.getExchanges()).extracting(e -> ids(e.getMessage().getBody(String.class)))
                .containsExactly(List.of("p-1", "p-3"), List.of("p-4", "p-5"));
        assertThat(counters.withheld).hasValue(1);
        assertThat(counters.sent).hasValue(4);
        assertThat(counters.deadLettered).hasValue(1);
    }

    @Test
    void aListThatStillFailsAfterTheRetriesIsDeadLetteredChangeByChange() throws Exception {
        failuresToGo = 100;
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(3);

        template.sendBody("direct:topic", List.of(received(change("p-1", MembershipChange.Kind.ENTERED, true)),
                received(change("p-2", MembershipChange.Kind.EXITED, true)),
                received(change("p-3", MembershipChange.Kind.ENTERED, true))));

        MockEndpoint.assertIsSatisfied(context);
        List<DeadLetter> letters = dead.getExchanges().stream()
                .map(e -> CdpJson.read(e.getMessage().getBody(String.class), DeadLetter.class)).toList();
        assertThat(letters).extracting(l -> CdpJson.read(l.raw(), MembershipChange.class).profileId())
                .containsExactly("p-1", "p-2", "p-3");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.reason()).contains("HTTP 429");
            assertThat(l.stage()).isEqualTo("connector.audience.deliver");
        });
        assertThat(failuresToGo).isEqualTo(100 - 2 * 4); // two lists, each tried once and retried three times
        assertThat(counters.deadLettered).hasValue(3);
    }

    @Test
    void aListThatFailsOnceIsDeliveredWhole() throws Exception {
        failuresToGo = 1;
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(1);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        template.sendBody("direct:topic", List.of(received(change("p-1", MembershipChange.Kind.ENTERED, true)),
                received(change("p-2", MembershipChange.Kind.EXITED, true))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(ids(destination.getExchanges().get(0).getMessage().getBody(String.class)))
                .containsExactly("p-1", "p-2");
    }

    /** The profile ids of a delivered list, from the request body the connector made of it. */
    private static List<String> ids(String body) {
        return CdpJson.read(body, new com.fasterxml.jackson.core.type.TypeReference<List<MembershipChange>>() { })
                .stream().map(MembershipChange::profileId).toList();
    }

    @Test
    void theChangesOfProfileMessagesAreListedAcrossMessagesInOrder() throws Exception {
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(3);

        template.sendBody("direct:topic", List.of(
                new Received(CdpJson.write(List.of(change("p-1", MembershipChange.Kind.ENTERED, true),
                        change("p-1", MembershipChange.Kind.EXITED, true), change("p-1", MembershipChange.Kind.ENTERED,
                                false), change("p-1", MembershipChange.Kind.ENTERED, true))), Map.of()),
                new Received(CdpJson.write(List.of(change("p-2", MembershipChange.Kind.EXITED, false),
                        change("p-2", MembershipChange.Kind.ENTERED, true))), Map.of())));

        MockEndpoint.assertIsSatisfied(context);
        // p-1's third change is withheld; the lists run across the two messages, in order
        assertThat(destination.getExchanges()).extracting(e -> ids(e.getMessage().getBody(String.class)))
                .containsExactly(List.of("p-1", "p-1"), List.of("p-1", "p-2"), List.of("p-2"));
        assertThat(counters.withheld).hasValue(1);
        assertThat(counters.sent).hasValue(5);
    }

    private static Received received(MembershipChange change) {
        return new Received(CdpJson.write(change), Map.of());
    }

    private static MembershipChange change(String id, MembershipChange.Kind kind, boolean consented) {
        return new MembershipChange(id, "buyers", kind, CLOCK.instant(), "evaluated", List.of(),
                List.of(new Consent("marketing", "ads", consented ? ConsentStatus.GRANTED : ConsentStatus.DENIED,
                        CLOCK.instant(), "crm")));
    }
}

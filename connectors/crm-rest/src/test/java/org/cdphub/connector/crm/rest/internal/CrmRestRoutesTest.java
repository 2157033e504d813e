package org.cdphub.connector.crm.rest.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.cdphub.spi.connector.test.TestConnectorContext.InMemoryCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector's route in a Camel context of its own, against a WireMock HubSpot, as the runtime runs it. */
class CrmRestRoutesTest {

    private static final String ROUTE = "connector.crm-hubspot.poll";
    private static final Instant NOW = Instant.parse("2024-04-01T12:00:00Z");

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestConfig.RecordingSleeper sleeper = new TestConfig.RecordingSleeper(true);

    /** What one run of the hub (start, one poll, stop) left behind. */
    private record Run(List<Exchange> fragments, List<Exchange> removals, List<Exchange> deadLetters,
            TestConnectorContext context, boolean routeStarted) {
    }

    /** Starts the connector with {@code checkpoints}, waits for its first poll, stops it again. */
    private Run pollOnce(InMemoryCheckpoints checkpoints) throws Exception {
        CrmRestSettings settings = TestConfig.settings(TestConfig.valid(hubspot.baseUrl()));
        CrmRestConnector connector = new CrmRestConnector(settings, sleeper, Clock.fixed(NOW, ZoneOffset.UTC));
        TestConnectorContext context = new TestConnectorContext(connector.info().id(), checkpoints);
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.addRoutes(connector.routes(context));
            NotifyBuilder polled = new NotifyBuilder(camel).fromRoute(ROUTE).whenDone(1).create();
            camel.start();
            assertThat(polled.matches(30, TimeUnit.SECONDS)).as("first poll done").isTrue();
            boolean started = camel.getRouteController().getRouteStatus(ROUTE).isStarted();
            return new Run(exchanges(camel, TestConnectorContext.FRAGMENTS), exchanges(camel, TestConnectorContext.REMOVALS),
                    exchanges(camel, TestConnectorContext.DEAD_LETTERS), context, started);
        } finally {
            camel.stop();
        }
    }

    private static List<Exchange> exchanges(CamelContext camel, String uri) {
        return List.copyOf(camel.getEndpoint(uri, MockEndpoint.class).getExchanges());
    }

    @Test
    void aPollSendsFragmentBatchesErasuresAndDeadLettersAndARestartResumesFromTheCheckpoint() throws Exception {
        Instant newest = Instant.parse("2024-03-17T08:15:00Z");
        ContactSyncTest.stubSearch(hubspot, Instant.EPOCH, null, "search-page-1.json");
        ContactSyncTest.stubSearch(hubspot, Instant.EPOCH, "2", "search-page-2.json");
        ContactSyncTest.stubSearch(hubspot, newest, null, "search-empty.json");
        DeletionSyncTest.stubArchived(hubspot);
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();

        Run first = pollOnce(checkpoints);

        assertThat(first.fragments()).extracting(CrmRestRoutesTest::ids)
                .containsExactly(List.of("51", "52"), List.of("53", "55"));
        assertThat(first.removals()).extracting(e -> e.getMessage().getBody(List.class))
                .containsExactly(List.of("41"), List.of("61", "62"), List.of("63"));
        assertThat(first.deadLetters()).extracting(e -> e.getMessage().getBody(DeadLetter.class).reason())
                .containsExactly("missing id", "invalid lastmodifieddate '16/03/2024 12:30' (expected an ISO-8601 instant)");
        assertThat(first.context().failures).isEmpty();
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, newest.toString())
                .containsEntry(DeletionSync.KEY, "2024-03-21T07:45:00Z");

        Run second = pollOnce(checkpoints); // a restart: a new context, the same stored checkpoints

        List<JsonNode> searches = ContactSyncTest.searchBodies(hubspot);
        assertThat(searches).hasSize(3);
        assertThat(searches.get(2).at("/filterGroups/0/filters/0/value").asText())
                .isEqualTo(Long.toString(newest.toEpochMilli()));
        assertThat(searches.get(2).has("after")).isFalse();
        assertThat(second.fragments()).isEmpty();
        assertThat(second.removals()).as("nothing archived since the checkpoint").isEmpty();
        assertThat(second.context().failures).isEmpty();
    }

    @Test
    void aRateLimitIsWaitedOutAndAServerErrorRetriedWithinOnePoll() throws Exception {
        hubspot.stubFor(post(urlEqualTo(HubSpotClient.SEARCH_PATH)).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody(TestConfig.fixture("error-429.json"))).willSetStateTo("failing"));
        hubspot.stubFor(post(urlEqualTo(HubSpotClient.SEARCH_PATH)).inScenario("busy").whenScenarioStateIs("failing")
                .willReturn(aResponse().withStatus(500).withBody(TestConfig.fixture("error-500.json")))
                .willSetStateTo("fine"));
        hubspot.stubFor(post(urlEqualTo(HubSpotClient.SEARCH_PATH)).inScenario("busy").whenScenarioStateIs("fine")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(TestConfig.fixture("search-page-2.json"))));
        DeletionSyncTest.stubArchived(hubspot);

        long start = System.nanoTime();
        Run run = pollOnce(new InMemoryCheckpoints());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(20));
        assertThat(run.fragments()).extracting(CrmRestRoutesTest::ids).containsExactly(List.of("53", "55"));
        assertThat(run.context().failures).isEmpty();
    }

    @Test
    void aRefusedTokenIsOneFailureWithoutRetriesOrTokenAndTheRouteKeepsRunning() throws Exception {
        hubspot.stubFor(post(urlEqualTo(HubSpotClient.SEARCH_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(TestConfig.fixture("error-401.json"))));
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();

        Run run = pollOnce(checkpoints);

        assertThat(run.context().failures).containsExactly(
                "contacts search: authentication failed (check token), HTTP 401");
        assertThat(run.routeStarted()).isTrue();
        assertThat(run.fragments()).isEmpty();
        assertThat(sleeper.waits).isEmpty();
        assertThat(checkpoints.snapshot()).isEmpty();
        hubspot.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void serverErrorsThatOutlastTheRetriesFailThePollAndKeepTheCheckpoint() throws Exception {
        hubspot.stubFor(post(urlEqualTo(HubSpotClient.SEARCH_PATH)).willReturn(aResponse().withStatus(503)));
        hubspot.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl())
                .willReturn(aResponse().withStatus(503)));
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
        checkpoints.put(SyncPosition.SINCE_KEY, "2024-03-10T00:00:00Z");

        Run run = pollOnce(checkpoints);

        assertThat(run.context().failures).containsExactly(
                "contacts search: HTTP 503, gave up after 5 retries",
                "archived contacts: HTTP 503, gave up after 5 retries");
        assertThat(run.routeStarted()).isTrue();
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, "2024-03-10T00:00:00Z")
                .doesNotContainKey(DeletionSync.KEY);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Exchange exchange) {
        return ((List<Fragment>) exchange.getMessage().getBody(List.class)).stream()
                .map(Fragment::sourceRecordId).toList();
    }

    @Test
    void theTimerPollsAtTheConfiguredInterval() {
        Map<String, String> keys = TestConfig.valid("https://api.hubapi.com");
        keys.put("poll.interval", "PT5M");
        CrmRestRoutes routes = new CrmRestRoutes(TestConfig.settings(keys), new TestConnectorContext("crm-hubspot"),
                Sleeper.THREAD, Clock.systemUTC());

        assertThat(routes.timerUri()).isEqualTo("timer:cdphub-crm-rest-crm-hubspot?delay=100&period=300000");
    }
}

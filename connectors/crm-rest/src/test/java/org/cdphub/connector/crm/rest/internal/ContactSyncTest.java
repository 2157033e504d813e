package org.cdphub.connector.crm.rest.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.cdphub.spi.connector.test.TestConnectorContext.InMemoryCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContactSyncTest {

    static final Instant NOW = Instant.parse("2024-04-01T12:00:00Z");
    static final String SEARCH = HubSpotClient.SEARCH_PATH;

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final TestConnectorContext context = new TestConnectorContext("crm-hubspot", checkpoints);

    private ContactSync sync(Map<String, String> overrides, int searchCap) {
        Map<String, String> keys = TestConfig.valid(hubspot.baseUrl());
        keys.putAll(overrides);
        CrmRestSettings settings = TestConfig.settings(keys);
        return new ContactSync(settings, new HubSpotClient(settings, new TestConfig.RecordingSleeper(false)),
                Clock.fixed(NOW, ZoneOffset.UTC), searchCap);
    }

    /** Answers a search whose lastmodifieddate filter is {@code since} (and cursor {@code after}, if given). */
    static void stubSearch(WireMockExtension server, Instant since, String after, String fixture) {
        var request = post(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value",
                equalTo(Long.toString(since.toEpochMilli()))));
        request = after == null ? request.withRequestBody(matchingJsonPath("$[?(!@.after)]"))
                : request.withRequestBody(matchingJsonPath("$.after", equalTo(after)));
        server.stubFor(request.willReturn(okJson(TestConfig.fixture(fixture))));
    }

    static List<JsonNode> searchBodies(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlEqualTo(SEARCH))).stream().map(LoggedRequest::getBodyAsString)
                .map(b -> CdpJson.read(b, JsonNode.class)).toList();
    }

    @Test
    void pagesAreFollowedThroughPagingNextAfterAndDeliveredPageByPage() throws Exception {
        stubSearch(hubspot, Instant.EPOCH, null, "search-page-1.json");
        stubSearch(hubspot, Instant.EPOCH, "2", "search-page-2.json");
        RecordingOutbox outbox = new RecordingOutbox();

        ContactSync.Summary summary = sync(Map.of(), ContactSync.SEARCH_CAP).run(checkpoints, outbox, context.metrics());

        assertThat(outbox.fragmentIds).containsExactly(List.of("51", "52"), List.of("53", "55"));
        assertThat(outbox.removals).as("hs_merged_object_ids of 53").containsExactly(List.of("41"));
        assertThat(outbox.deadLetters).extracting(DeadLetter::location, DeadLetter::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("contacts/?", "missing id"),
                org.assertj.core.groups.Tuple.tuple("contacts/54",
                        "invalid lastmodifieddate '16/03/2024 12:30' (expected an ISO-8601 instant)"));
        DeadLetter bad = outbox.deadLetters.get(1);
        assertThat(bad.stage()).isEqualTo("connector.crm-hubspot.map");
        assertThat(bad.source()).isEqualTo("crm-hubspot");
        assertThat(bad.at()).isEqualTo(NOW);
        assertThat(CdpJson.read(bad.raw(), JsonNode.class).path("properties").path("email").asText())
                .isEqualTo("bad.date@example.com");
        assertThat(context.recordsRead).hasValue(6);
        assertThat(summary).hasToString("6 contacts read, 4 fragments, 1 merged away, 2 rejected");
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, "2024-03-17T08:15:00Z")
                .containsEntry(SyncPosition.IDS_KEY, "55");
        assertThat(searchBodies(hubspot)).extracting(b -> b.path("limit").asInt()).containsExactly(100, 100);
    }

    @Test
    void aFailedDeliveryKeepsTheCheckpointOfTheLastDeliveredPageAndTheNextRunResumesThere() throws Exception {
        Instant page1Newest = Instant.parse("2024-03-15T10:00:00Z");
        stubSearch(hubspot, Instant.EPOCH, null, "search-page-1.json");
        stubSearch(hubspot, Instant.EPOCH, "2", "search-page-2.json");
        stubSearch(hubspot, page1Newest, null, "search-page-2.json");

        assertThatThrownBy(() -> sync(Map.of(), ContactSync.SEARCH_CAP).run(checkpoints, new RecordingOutbox(2),
                context.metrics())).hasMessage("broker unavailable");
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, page1Newest.toString());

        RecordingOutbox outbox = new RecordingOutbox();
        sync(Map.of(), ContactSync.SEARCH_CAP).run(checkpoints, outbox, context.metrics());

        JsonNode resumed = searchBodies(hubspot).get(2);
        assertThat(resumed.at("/filterGroups/0/filters/0/value").asText())
                .isEqualTo(Long.toString(page1Newest.toEpochMilli()));
        assertThat(resumed.has("after")).isFalse();
        assertThat(outbox.fragmentIds).containsExactly(List.of("53", "55"));
    }

    @Test
    void beforeTheSearchLimitTheQueryStartsAgainFromTheNewestLastmodifieddate() throws Exception {
        Instant page1Newest = Instant.parse("2024-03-15T10:00:00Z");
        stubSearch(hubspot, Instant.EPOCH, null, "search-page-1.json");
        stubSearch(hubspot, page1Newest, null, "search-page-2.json");

        // limit 2 and a cap of 3: the cursor "2" would ask for results 3-4, past the cap
        RecordingOutbox outbox = new RecordingOutbox();
        sync(Map.of("limit", "2"), 3).run(checkpoints, outbox, context.metrics());

        List<JsonNode> bodies = searchBodies(hubspot);
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1).at("/filterGroups/0/filters/0/value").asText())
                .isEqualTo(Long.toString(page1Newest.toEpochMilli()));
        assertThat(bodies.get(1).has("after")).isFalse();
        assertThat(outbox.fragmentIds).containsExactly(List.of("51", "52"), List.of("53", "55"));
    }

    @Test
    void moreContactsInOneMillisecondThanTheLimitAreReportedAndPassed() throws Exception {
        Instant t = Instant.parse("2024-03-20T10:00:00Z");
        String page = """
                {"total":5,"results":[
                  {"id":"81","properties":{"lastmodifieddate":"2024-03-20T10:00:00Z"},"archived":false},
                  {"id":"82","properties":{"lastmodifieddate":"2024-03-20T10:00:00Z"},"archived":false}],
                 "paging":{"next":{"after":"2","link":"?after=2"}}}""";
        hubspot.stubFor(post(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value",
                equalTo("0"))).willReturn(okJson(page)));
        hubspot.stubFor(post(urlEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value",
                equalTo(Long.toString(t.toEpochMilli())))).willReturn(okJson(page)));
        stubSearch(hubspot, t.plusMillis(1), null, "search-empty.json");

        RecordingOutbox outbox = new RecordingOutbox();
        sync(Map.of("limit", "2"), 3).run(checkpoints, outbox, context.metrics());

        assertThat(outbox.fragmentIds).as("sent once, not again after the restart").containsExactly(List.of("81", "82"));
        assertThat(context.failures).singleElement().asString()
                .contains("more than 3 contacts have lastmodifieddate 2024-03-20T10:00:00Z");
        assertThat(searchBodies(hubspot)).hasSize(3);
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, "2024-03-20T10:00:00.001Z");
    }

    @Test
    void theContactAtTheCheckpointIsNotSentAgainWhenUnchanged() throws Exception {
        Instant since = Instant.parse("2024-03-17T08:15:00Z");
        checkpoints.put(SyncPosition.SINCE_KEY, since.toString());
        checkpoints.put(SyncPosition.IDS_KEY, "55");
        String page = TestConfig.fixture("search-page-2.json");
        hubspot.stubFor(post(urlEqualTo(SEARCH)).willReturn(okJson(
                "{\"total\":1,\"results\":[" + CdpJson.read(page, JsonNode.class).path("results").get(3) + "]}")));

        RecordingOutbox outbox = new RecordingOutbox();
        sync(Map.of(), ContactSync.SEARCH_CAP).run(checkpoints, outbox, context.metrics());

        assertThat(outbox.fragments).isEmpty();
        assertThat(searchBodies(hubspot).get(0).at("/filterGroups/0/filters/0/value").asText())
                .isEqualTo(Long.toString(since.toEpochMilli()));
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, since.toString());
    }

    @Test
    void theFirstRunStartsAtSyncSince() throws Exception {
        stubSearch(hubspot, Instant.parse("2024-03-01T00:00:00Z"), null, "search-empty.json");

        sync(Map.of("sync.since", "2024-03-01"), ContactSync.SEARCH_CAP).run(checkpoints, new RecordingOutbox(),
                context.metrics());

        assertThat(searchBodies(hubspot)).singleElement()
                .satisfies(b -> assertThat(b.at("/filterGroups/0/filters/0/value").asText()).isEqualTo("1709251200000"));
        assertThat(checkpoints.snapshot()).containsEntry(SyncPosition.SINCE_KEY, "2024-03-01T00:00:00Z");
    }
}

package org.cdphub.connector.crm.rest.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.cdphub.spi.connector.test.TestConnectorContext.InMemoryCheckpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeletionSyncTest {

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final TestConnectorContext context = new TestConnectorContext("crm-hubspot", checkpoints);
    private final RecordingOutbox outbox = new RecordingOutbox();

    @BeforeEach
    void archivedContacts() {
        stubArchived(hubspot);
    }

    static void stubArchived(WireMockExtension server) {
        server.stubFor(get(urlPathEqualTo(HubSpotClient.LIST_PATH)).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(TestConfig.fixture("archived-page-1.json"))));
        server.stubFor(get(urlPathEqualTo(HubSpotClient.LIST_PATH)).withQueryParam("archived", equalTo("true"))
                .withQueryParam("after", equalTo("63")).willReturn(okJson(TestConfig.fixture("archived-page-2.json"))));
    }

    private DeletionSync sync(Instant now) {
        CrmRestSettings settings = TestConfig.settings(TestConfig.valid(hubspot.baseUrl()));
        return new DeletionSync(settings, new HubSpotClient(settings, new TestConfig.RecordingSleeper(false)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void contactsArchivedAfterTheCheckpointBecomeErasures() throws Exception {
        checkpoints.put(DeletionSync.KEY, "2024-03-01T00:00:00Z");

        long removed = sync(Instant.parse("2024-04-01T00:00:00Z")).run(checkpoints, outbox, context.metrics());

        assertThat(removed).isEqualTo(2);
        assertThat(outbox.removals).containsExactly(List.of("61"), List.of("63"));
        assertThat(checkpoints.get(DeletionSync.KEY)).contains("2024-03-21T07:45:00Z");
        hubspot.verify(getRequestedFor(urlEqualTo("/crm/v3/objects/contacts?archived=true&limit=100")));
        hubspot.verify(getRequestedFor(urlEqualTo("/crm/v3/objects/contacts?archived=true&limit=100&after=63")));
    }

    @Test
    void theFirstRunErasesEverythingArchivedSinceSyncSince() throws Exception {
        sync(Instant.parse("2024-04-01T00:00:00Z")).run(checkpoints, outbox, context.metrics());

        assertThat(outbox.removals).containsExactly(List.of("61", "62"), List.of("63"));
        assertThat(context.recordsRead).hasValue(3);
    }

    @Test
    void theCheckpointNeverPassesTheListingStartMinusTheLag() throws Exception {
        checkpoints.put(DeletionSync.KEY, "2024-03-01T00:00:00Z");

        sync(Instant.parse("2024-03-21T07:47:00Z")).run(checkpoints, outbox, context.metrics());

        assertThat(checkpoints.get(DeletionSync.KEY)).contains("2024-03-21T07:42:00Z");
    }
}

package org.cdphub.connector.shopify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order backfill against a WireMock Admin REST API: Link paging, 429, server errors, checkpoints, restarts. */
class ShopifyBackfillTest {

    static final String PATH = "/admin/api/2025-07/orders.json";
    static final String TOKEN = "shpat_test_token";
    static final String PAGE_INFO = "eyJsYXN0X2lkIjo0NTA3ODk0NjksImxhc3RfdmFsdWUiOiIyMDI0LTAxLTAyIn0";

    private final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());
    private final TestConnectorContext.InMemoryCheckpoints checkpoints = new TestConnectorContext.InMemoryCheckpoints();
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final List<List<Fragment>> batches = new ArrayList<>();
    private final List<DeadLetter> dead = new ArrayList<>();

    @BeforeEach
    void start() {
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void readsAllPagesFollowingTheLinkHeaderWaitsOutA429AndCheckpointsAfterEachPage() throws Exception {
        stubFirstPage(null);
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("page_info", equalTo(PAGE_INFO))
                .inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")
                        .withBody("{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}")));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("page_info", equalTo(PAGE_INFO))
                .inScenario("rate limit").whenScenarioStateIs("limited")
                .willReturn(page("orders-page-2.json").withHeader("Link", "<" + url("page_info=abc") + ">; rel=\"previous\"")));
        TestConnectorContext context = new TestConnectorContext(Shop.ID, checkpoints);

        int read = backfill(context, 3).run(this::collect);

        assertThat(read).isEqualTo(3);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).extracting(Fragment::sourceRecordId).containsExactly("order/450789469");
        assertThat(batches.get(1)).extracting(Fragment::sourceRecordId).containsExactly("order/450789470", "order/450789471");
        assertThat(waits).as("the 429's Retry-After, in ms").containsExactly(2000L);
        assertThat(checkpoints.snapshot()).containsEntry(ShopifyBackfill.CHECKPOINT, "2024-01-04T16:30:00Z");
        assertThat(context.recordsRead).hasValue(3);
        assertThat(context.failures).isEmpty();
        api.verify(3, getRequestedFor(urlPathEqualTo(PATH)).withHeader("X-Shopify-Access-Token", equalTo(TOKEN)));
    }

    @Test
    void aRestartResumesFromTheCheckpoint() throws Exception {
        checkpoints.put(ShopifyBackfill.CHECKPOINT, "2024-01-02T14:00:00Z");
        stubFirstPage("2024-01-02T14:00:00Z");
        TestConnectorContext restarted = new TestConnectorContext(Shop.ID, checkpoints);

        assertThat(backfill(restarted, 3).run(this::collect)).isEqualTo(1);

        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("updated_at_min", equalTo("2024-01-02T14:00:00Z")));
        assertThat(checkpoints.snapshot()).containsEntry(ShopifyBackfill.CHECKPOINT, "2024-01-02T14:00:00Z");
    }

    @Test
    void serverErrorsAreRetriedWithBackOffThenTheRunStopsAndTheCheckpointStaysAtTheLastPageSent() throws Exception {
        stubFirstPage(null);
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("page_info", equalTo(PAGE_INFO))
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":\"Unavailable Shop\"}")));
        TestConnectorContext context = new TestConnectorContext(Shop.ID, checkpoints);

        int read = backfill(context, 3).run(this::collect);

        assertThat(read).isEqualTo(1);
        assertThat(waits).containsExactly(10L, 20L, 40L);
        assertThat(context.failures).singleElement().asString().contains("page 2").contains("503")
                .contains("gave up after 3 retries").doesNotContain(TOKEN);
        assertThat(checkpoints.snapshot()).containsEntry(ShopifyBackfill.CHECKPOINT, "2024-01-02T14:00:00Z");
        api.verify(4, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("page_info", equalTo(PAGE_INFO)));
    }

    @Test
    void aRefusedTokenFailsAtOnceWithoutRetries() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
        TestConnectorContext context = new TestConnectorContext(Shop.ID, checkpoints);

        assertThat(backfill(context, 3).run(this::collect)).isZero();

        assertThat(context.failures).singleElement().asString().contains("401").doesNotContain(TOKEN);
        assertThat(waits).isEmpty();
        assertThat(checkpoints.snapshot()).isEmpty();
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(page("orders-page-1.json")
                .withHeader("Link", "<https://evil.example.com" + PATH + "?page_info=x>; rel=\"next\"")));
        TestConnectorContext context = new TestConnectorContext(Shop.ID, checkpoints);

        assertThat(backfill(context, 3).run(this::collect)).isEqualTo(1);

        assertThat(context.failures).singleElement().asString().contains("another host");
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anOrderThatCannotBeMappedIsDeadLetteredAndTheOthersArrive() throws Exception {
        String body = new String(Shop.bytes("orders-page-2.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"total_price\": \"199.00\"", "\"total_price\": null");
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));

        backfill(new TestConnectorContext(Shop.ID, checkpoints), 3).run(this::collect);

        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(1));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.reason()).contains("order 450789470").contains("total_price");
            assertThat(d.location()).isEqualTo("orders.json page 1");
        });
    }

    private ShopifyBackfill backfill(TestConnectorContext context, int retries) {
        Map<String, String> keys = Shop.minimal();
        keys.put("backfill.enabled", "true");
        keys.put("shop.domain", "jsmith.myshopify.com");
        keys.put("access.token", TOKEN);
        keys.put("base.url", api.baseUrl());
        keys.put("backfill.max.retries", Integer.toString(retries));
        keys.put("backfill.backoff.ms", "10");
        ShopifySettings settings = Shop.settings(keys);
        RetryingHttp http = new RetryingHttp(HttpClient.newHttpClient(), Map.of("X-Shopify-Access-Token", TOKEN),
                settings.maxRetries(), settings.backoffMs(), waits::add);
        return new ShopifyBackfill(settings, http, context.checkpoints(), context.metrics(), Clock.systemUTC());
    }

    private void collect(List<Fragment> fragments, List<DeadLetter> deadLetters) {
        if (!fragments.isEmpty()) {
            batches.add(fragments);
        }
        dead.addAll(deadLetters);
    }

    private void stubFirstPage(String updatedAtMin) {
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("status", equalTo("any"))
                .withQueryParam("limit", equalTo("250")).withQueryParam("order", equalTo("updated_at asc"))
                .withQueryParam("updated_at_min", updatedAtMin == null ? absent() : equalTo(updatedAtMin))
                .withQueryParam("page_info", absent())
                .willReturn(page("orders-page-1.json").withHeader("Link", "<" + url("page_info=" + PAGE_INFO) + ">; rel=\"next\"")));
    }

    private String url(String query) {
        return api.baseUrl() + PATH + "?limit=250&" + query;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Shopify-Shop-Api-Call-Limit", "1/40").withBody(Shop.bytes(fixture));
    }
}

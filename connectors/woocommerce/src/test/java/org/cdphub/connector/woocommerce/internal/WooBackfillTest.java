package org.cdphub.connector.woocommerce.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpClient;
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

/** The order backfill against a WireMock REST API v3: X-WP-TotalPages paging, 429, server errors, checkpoints. */
class WooBackfillTest {

    static final String PATH = "/wp-json/wc/v3/orders";
    static final String AUTH = "Basic Y2tfMTIzNDpjc181Njc4"; // ck_1234:cs_5678

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
    void readsEveryPageUpToXWpTotalPagesWaitsOutA429AndCheckpointsAfterEachPage() throws Exception {
        api.stubFor(orders(1, null).willReturn(page("orders-page-1.json")));
        api.stubFor(orders(2, null).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"code\":\"too_many_requests\",\"message\":\"Too many requests\",\"data\":{\"status\":429}}")));
        api.stubFor(orders(2, null).inScenario("rate limit").whenScenarioStateIs("limited")
                .willReturn(page("orders-page-2.json")));
        TestConnectorContext context = new TestConnectorContext(Store.ID, checkpoints);

        int read = backfill(context).run(this::collect);

        assertThat(read).isEqualTo(2);
        assertThat(batches).extracting(b -> b.get(0).sourceRecordId()).containsExactly("order/723", "order/727");
        assertThat(waits).containsExactly(3000L);
        assertThat(checkpoints.snapshot()).containsEntry(WooBackfill.CHECKPOINT, "2017-03-22T19:28:08Z");
        assertThat(context.failures).isEmpty();
        api.verify(3, getRequestedFor(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo(AUTH))
                .withQueryParam("orderby", equalTo("modified")).withQueryParam("order", equalTo("asc"))
                .withQueryParam("per_page", equalTo("100")));
        api.verify(0, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("page", equalTo("3")));
    }

    @Test
    void aRestartResumesFromTheCheckpointOneSecondEarlier() throws Exception {
        checkpoints.put(WooBackfill.CHECKPOINT, "2017-03-21T19:54:51Z");
        api.stubFor(orders(1, "2017-03-21T19:54:50Z").willReturn(aResponse().withStatus(200)
                .withHeader("X-WP-Total", "1").withHeader("X-WP-TotalPages", "1").withBody(Store.bytes("orders-page-2.json"))));

        int read = backfill(new TestConnectorContext(Store.ID, checkpoints)).run(this::collect);

        assertThat(read).isEqualTo(1);
        assertThat(checkpoints.snapshot()).containsEntry(WooBackfill.CHECKPOINT, "2017-03-22T19:28:08Z");
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void serverErrorsAreRetriedWithBackOffThenTheRunStopsAndTheCheckpointStaysAtTheLastPageSent() throws Exception {
        api.stubFor(orders(1, null).willReturn(page("orders-page-1.json")));
        api.stubFor(orders(2, null).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        TestConnectorContext context = new TestConnectorContext(Store.ID, checkpoints);

        assertThat(backfill(context).run(this::collect)).isEqualTo(1);

        assertThat(waits).containsExactly(10L, 20L);
        assertThat(context.failures).singleElement().asString().contains("page 2").contains("502")
                .doesNotContain("cs_5678");
        assertThat(checkpoints.snapshot()).containsEntry(WooBackfill.CHECKPOINT, "2017-03-21T19:54:51Z");
    }

    @Test
    void wrongCredentialsFailAtOnce() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody(
                "{\"code\":\"woocommerce_rest_authentication_error\",\"message\":\"Invalid signature - provided signature does not match.\",\"data\":{\"status\":401}}")));
        TestConnectorContext context = new TestConnectorContext(Store.ID, checkpoints);

        assertThat(backfill(context).run(this::collect)).isZero();

        assertThat(context.failures).singleElement().asString().contains("401");
        assertThat(waits).isEmpty();
        assertThat(checkpoints.snapshot()).isEmpty();
    }

    private WooBackfill backfill(TestConnectorContext context) {
        Map<String, String> keys = Store.minimal();
        keys.put("backfill.enabled", "true");
        keys.put("site.url", api.baseUrl());
        keys.put("consumer.key", "ck_1234");
        keys.put("consumer.secret", "cs_5678");
        keys.put("backfill.max.retries", "2");
        keys.put("backfill.backoff.ms", "10");
        keys.put("phone.default.region", "US");
        WooSettings settings = Store.settings(keys);
        RetryingHttp http = new RetryingHttp(HttpClient.newHttpClient(), Map.of("Authorization", settings.basicAuthorization()),
                settings.maxRetries(), settings.backoffMs(), waits::add);
        return new WooBackfill(settings, http, context.checkpoints(), context.metrics(), Clock.systemUTC());
    }

    private void collect(List<Fragment> fragments, List<DeadLetter> deadLetters) {
        batches.add(fragments);
        dead.addAll(deadLetters);
    }

    static MappingBuilder orders(int page, String modifiedAfter) {
        return get(urlPathEqualTo(PATH)).withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("modified_after", modifiedAfter == null ? absent() : equalTo(modifiedAfter));
    }

    /** A page of the documented list, as one of two pages (the headers WordPress sends). */
    static ResponseDefinitionBuilder page(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("X-WP-Total", "2").withHeader("X-WP-TotalPages", "2").withBody(Store.bytes(fixture));
    }
}

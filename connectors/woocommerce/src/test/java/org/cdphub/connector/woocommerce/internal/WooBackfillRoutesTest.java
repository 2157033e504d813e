package org.cdphub.connector.woocommerce.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The backfill as the runtime runs it: the timer route sends each page's fragments to the fragments endpoint. */
class WooBackfillRoutesTest extends WebhookTestSupport {

    private static final WireMockServer API = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startApi() {
        API.start();
        API.stubFor(WooBackfillTest.orders(1, null).willReturn(WooBackfillTest.page("orders-page-1.json")));
        API.stubFor(WooBackfillTest.orders(2, null).willReturn(WooBackfillTest.page("orders-page-2.json")));
    }

    @AfterAll
    static void stopApi() {
        API.stop();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        Map<String, String> keys = Store.minimal();
        keys.put("backfill.enabled", "true");
        keys.put("site.url", API.baseUrl());
        keys.put("consumer.key", "ck_1234");
        keys.put("consumer.secret", "cs_5678");
        keys.put("backfill.interval.minutes", "0");
        return new WooRoutes(Store.settings(keys), connector, Clock.systemUTC(), ms -> { });
    }

    @Test
    void theBackfillRouteSendsEveryPageOnAndSavesTheCheckpoint() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(2);

        MockEndpoint.assertIsSatisfied(context, 60, java.util.concurrent.TimeUnit.SECONDS);

        List<?> second = fragments.getExchanges().get(1).getMessage().getBody(List.class);
        assertThat(second).extracting(f -> ((Fragment) f).sourceRecordId()).containsExactly("order/727");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!connector.checkpoints().get(WooBackfill.CHECKPOINT).equals(java.util.Optional.of("2017-03-22T19:28:08Z"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling for the final checkpoint, not an assertion
        }
        assertThat(connector.checkpoints().snapshot()).containsEntry(WooBackfill.CHECKPOINT, "2017-03-22T19:28:08Z");
    }
}

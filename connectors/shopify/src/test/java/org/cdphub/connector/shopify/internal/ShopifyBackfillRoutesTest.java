package org.cdphub.connector.shopify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
class ShopifyBackfillRoutesTest extends WebhookTestSupport {

    private static final WireMockServer API = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startApi() {
        API.start();
        API.stubFor(get(urlPathEqualTo(ShopifyBackfillTest.PATH)).withQueryParam("page_info", absent())
                .willReturn(aResponse().withStatus(200).withBody(Shop.bytes("orders-page-1.json"))
                        .withHeader("Link", "<" + API.baseUrl() + ShopifyBackfillTest.PATH
                                + "?limit=250&page_info=p2>; rel=\"next\"")));
        API.stubFor(get(urlPathEqualTo(ShopifyBackfillTest.PATH)).withQueryParam("page_info", equalTo("p2"))
                .willReturn(aResponse().withStatus(200).withBody(Shop.bytes("orders-page-2.json"))));
    }

    @AfterAll
    static void stopApi() {
        API.stop();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        Map<String, String> keys = Shop.minimal();
        keys.put("backfill.enabled", "true");
        keys.put("shop.domain", "jsmith.myshopify.com");
        keys.put("access.token", ShopifyBackfillTest.TOKEN);
        keys.put("base.url", API.baseUrl());
        keys.put("backfill.interval.minutes", "0");
        return new ShopifyRoutes(Shop.settings(keys), connector, Clock.systemUTC(), ms -> { });
    }

    @Test
    void theBackfillRouteSendsEveryPageOnAndSavesTheCheckpoint() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(2);

        MockEndpoint.assertIsSatisfied(context, 60, java.util.concurrent.TimeUnit.SECONDS);

        List<?> second = fragments.getExchanges().get(1).getMessage().getBody(List.class);
        assertThat(second).extracting(f -> ((Fragment) f).sourceRecordId())
                .containsExactly("order/450789470", "order/450789471");
        assertThat(context.getRouteController().getRouteStatus("connector.shop.backfill").isStarted()).isTrue();
        // the checkpoint is saved right after the last page was sent
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!connector.checkpoints().get(ShopifyBackfill.CHECKPOINT).equals(java.util.Optional.of("2024-01-04T16:30:00Z"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling for the final checkpoint, not an assertion
        }
        assertThat(connector.checkpoints().snapshot()).containsEntry(ShopifyBackfill.CHECKPOINT, "2024-01-04T16:30:00Z");
    }
}

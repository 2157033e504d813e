package org.cdphub.connector.shopify.internal;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.cdphub.spi.connector.test.HttpRoutesTestSupport;
import org.cdphub.spi.connector.test.TestConnectorContext;

/**
 * The connector's routes on a real Vert.x HTTP server (as the hub's shared HTTP port runs them), fragments, removals
 * and dead letters into the test kit's mock endpoints.
 */
abstract class WebhookTestSupport extends HttpRoutesTestSupport {

    private static final String PATH = "/webhooks/shopify/shop";

    protected final TestConnectorContext connector = httpContext(Shop.ID);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new ShopifyRoutes(Shop.settings(Shop.minimal()), connector, Clock.systemUTC());
    }

    protected HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        return httpPost(PATH, body, headers);
    }

    protected HttpResponse<String> httpGet() throws Exception {
        return httpGet(PATH);
    }

    /** The headers Shopify sends with a delivery of {@code body} on {@code topic}, signed with {@code secret}. */
    protected static Map<String, String> shopify(String topic, byte[] body, String secret) {
        return Map.of("X-Shopify-Topic", topic, "X-Shopify-Hmac-Sha256", Shop.sign(body, secret),
                "X-Shopify-Shop-Domain", "jsmith.myshopify.com", "X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
                "X-Shopify-API-Version", "2025-07");
    }
}

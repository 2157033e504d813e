package org.cdphub.connector.woocommerce.internal;

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

    private static final String PATH = "/webhooks/woocommerce/store";

    protected final TestConnectorContext connector = httpContext(Store.ID);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new WooRoutes(Store.settings(Store.minimal()), connector, Clock.systemUTC());
    }

    protected HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        return httpPost(PATH, body, headers);
    }

    protected HttpResponse<String> httpGet() throws Exception {
        return httpGet(PATH);
    }

    /** The headers WooCommerce sends with a delivery of {@code body} on {@code topic}, signed with {@code secret}. */
    protected static Map<String, String> woo(String topic, byte[] body, String secret) {
        String[] parts = topic.split("\\.");
        return Map.of("X-WC-Webhook-Topic", topic, "X-WC-Webhook-Resource", parts[0], "X-WC-Webhook-Event", parts[1],
                "X-WC-Webhook-Signature", Store.sign(body, secret), "X-WC-Webhook-Source", "https://example.com/",
                "X-WC-Webhook-ID", "14", "X-WC-Webhook-Delivery-ID", "0e1a2c1e3f6b1a9e0f7c0b8a2d5b7d8e",
                "User-Agent", "WooCommerce/9.8.5 Hookshot (WordPress/6.8.1)");
    }
}

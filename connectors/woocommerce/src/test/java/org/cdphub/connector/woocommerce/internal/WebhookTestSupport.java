package org.cdphub.connector.woocommerce.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.spi.connector.test.TestConnectorContext;

/**
 * The connector's routes on a real Vert.x HTTP server (as the hub's shared HTTP port runs them), fragments, removals
 * and dead letters into the test kit's mock endpoints.
 */
abstract class WebhookTestSupport extends CamelTestSupport {

    protected final int port = AvailablePortFinder.getNextAvailable();
    protected final TestConnectorContext connector = new TestConnectorContext(Store.ID) {
        @Override
        public String httpUri(String path) {
            return "platform-http:" + path;
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new WooRoutes(Store.settings(Store.minimal()), connector, Clock.systemUTC());
    }

    protected HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/woocommerce/store"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> httpGet() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/woocommerce/store")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
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

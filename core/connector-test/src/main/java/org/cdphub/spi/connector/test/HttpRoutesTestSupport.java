package org.cdphub.spi.connector.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * Route tests for connectors that serve HTTP (webhooks): the routes run on a real Vert.x HTTP server on a free local
 * port, as the hub's shared HTTP port runs them. Needs {@code camel-test-junit5} and {@code camel-platform-http-vertx}
 * on the test classpath.
 */
public abstract class HttpRoutesTestSupport extends CamelTestSupport {

    protected final int port = AvailablePortFinder.getNextAvailable();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A test context for connector {@code id} whose {@link TestConnectorContext#httpUri} is served on {@link #port}. */
    protected static TestConnectorContext httpContext(String id) {
        return new TestConnectorContext(id) {
            @Override
            public String httpUri(String path) {
                return "platform-http:" + path;
            }
        };
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        return context;
    }

    /** POSTs {@code body} as JSON to {@code path}, with {@code headers} (a {@code Content-Type} among them wins). */
    protected HttpResponse<String> httpPost(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(request::setHeader);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> httpGet(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

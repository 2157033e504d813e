package org.cdphub.routes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.service.NodeHealth;
import org.junit.jupiter.api.Test;

/** GET /health over real HTTP, with a node health that the test sets. */
class HealthRoutesTest extends CamelTestSupport {

    private final int port = AvailablePortFinder.getNextAvailable();
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile NodeHealth.Health health;

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
        return new HealthRoutes(() -> health);
    }

    private HttpResponse<String> get() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HealthRoutes.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUpOrDegradedNodeAnswers200AndADownOne503WithoutTheDetails() throws Exception {
        health = new NodeHealth.Health(NodeHealth.Status.DEGRADED, List.of(
                new NodeHealth.Part("store", true, true, "takes writes"),
                new NodeHealth.Part("broker", true, true, "takes connections"),
                new NodeHealth.Part("connectors", false, false, "1 running; failed: crm-erp")));
        HttpResponse<String> degraded = get();
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(degraded.body()).isEqualTo("{\"status\":\"DEGRADED\",\"parts\":{\"store\":\"UP\",\"broker\":\"UP\","
                + "\"connectors\":\"DOWN\"}}");

        health = new NodeHealth.Health(NodeHealth.Status.DOWN, List.of(
                new NodeHealth.Part("store", false, true, "no answer within 3000 ms"),
                new NodeHealth.Part("broker", true, true, "takes connections")));
        HttpResponse<String> down = get();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"store\":\"DOWN\"").doesNotContain("3000");
    }

    @Test
    void getAndHeadAreAnsweredAndNothingElse() throws Exception {
        health = new NodeHealth.Health(NodeHealth.Status.DOWN, List.of());
        URI uri = URI.create("http://127.0.0.1:" + port + HealthRoutes.PATH);
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).as("a load balancer that checks with HEAD").isEqualTo(503);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}

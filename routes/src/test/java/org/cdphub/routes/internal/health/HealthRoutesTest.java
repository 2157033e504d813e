package org.cdphub.routes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.cdphub.api.service.NodeHealth;
import org.cdphub.spi.connector.test.HttpRoutesTestSupport;
import org.junit.jupiter.api.Test;

/** GET /health over real HTTP, with a node health that the test sets. */
class HealthRoutesTest extends HttpRoutesTestSupport {

    private volatile NodeHealth.Health health;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new HealthRoutes(() -> health);
    }

    @Test
    void anUpOrDegradedNodeAnswers200AndADownOne503WithoutTheDetails() throws Exception {
        health = new NodeHealth.Health(NodeHealth.Status.DEGRADED, List.of(
                new NodeHealth.Part("store", true, true, "takes writes"),
                new NodeHealth.Part("broker", true, true, "takes connections"),
                new NodeHealth.Part("connectors", false, false, "1 running; failed: crm-erp")));
        HttpResponse<String> degraded = httpGet(HealthRoutes.PATH);
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(degraded.body()).isEqualTo("{\"status\":\"DEGRADED\",\"parts\":{\"store\":\"UP\",\"broker\":\"UP\","
                + "\"connectors\":\"DOWN\"}}");

        health = new NodeHealth.Health(NodeHealth.Status.DOWN, List.of(
                new NodeHealth.Part("store", false, true, "no answer within 3000 ms"),
                new NodeHealth.Part("broker", true, true, "takes connections")));
        HttpResponse<String> down = httpGet(HealthRoutes.PATH);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"store\":\"DOWN\"").doesNotContain("3000");
    }

    @Test
    void getAndHeadAreAnsweredAndNothingElse() throws Exception {
        health = new NodeHealth.Health(NodeHealth.Status.DOWN, List.of());
        HttpResponse<String> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + HealthRoutes.PATH))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).as("a load balancer that checks with HEAD").isEqualTo(503);
        assertThat(httpPost(HealthRoutes.PATH, new byte[0], Map.of()).statusCode()).isEqualTo(405);
    }
}

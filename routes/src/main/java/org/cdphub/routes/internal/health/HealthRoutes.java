package org.cdphub.routes.internal.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.service.NodeHealth;
import org.cdphub.spi.connector.RouteIds;

/**
 * {@code GET /health} (or {@code HEAD}) for a load balancer's check or an orchestrator's readiness probe, without
 * credentials: 200 while the node takes records through (status {@code UP}, or {@code DEGRADED} when a connector
 * failed), 503 when its store or broker refuses or does not answer in time, or its disk is full ({@code DOWN}). The body says which part is down and nothing else (no connector ids, no errors: the
 * console's {@code cdp:health} has those). Answers within {@link HealthChecks#TIMEOUT} however a part hangs.
 */
final class HealthRoutes extends RouteBuilder {

    static final String PATH = "/health";

    private final NodeHealth health;

    HealthRoutes(NodeHealth health) {
        this.health = health;
    }

    @Override
    public void configure() {
        from("platform-http:" + PATH + "?httpMethodRestrict=GET,HEAD").routeId(RouteIds.core("health", "http"))
                .process(this::answer);
    }

    private void answer(Exchange e) {
        NodeHealth.Health checked = health.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", checked.status().name());
        Map<String, String> parts = new LinkedHashMap<>();
        checked.parts().forEach(p -> parts.put(p.name(), p.up() ? "UP" : "DOWN"));
        body.put("parts", parts);
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, checked.status() == NodeHealth.Status.DOWN ? 503 : 200);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(CdpJson.write(body));
    }
}

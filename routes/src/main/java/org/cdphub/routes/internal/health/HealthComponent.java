package org.cdphub.routes.internal.health;

import org.apache.camel.CamelContext;
import org.cdphub.api.service.NodeHealth;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.cdphub.routes.internal.http.HttpServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Serves {@link HealthRoutes} ({@code GET /health}) on the hub's HTTP port. */
@Component(immediate = true, service = HealthComponent.class)
public final class HealthComponent {

    private final CamelContext context;

    @Activate
    public HealthComponent(@Reference HttpServer http, @Reference NodeHealth health) {
        context = CamelRuntime.newContext("cdphub-health");
        http.share(context);
        CamelRuntime.start(context, new HealthRoutes(health));
    }

    @Deactivate
    void stop() {
        CamelRuntime.stop(context);
    }
}

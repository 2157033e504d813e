package org.cdphub.routes.internal.api;

import org.apache.camel.CamelContext;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.cdphub.routes.internal.http.HttpServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the admin REST API (see {@link AdminApiRoutes}) on the hub's HTTP port when configuration {@code org.cdphub.api}
 * has a token; without one the API is off (no route, 404).
 */
@Component(immediate = true, service = AdminApiComponent.class, configurationPid = AdminApiComponent.PID)
@Designate(ocd = AdminApiConfig.class)
public final class AdminApiComponent {

    static final String PID = "org.cdphub.api";
    static final int MIN_TOKEN = 16;

    private final CamelContext context;

    @Activate
    public AdminApiComponent(@Reference HttpServer http, @Reference SegmentEvaluation segments,
            AdminApiConfig config) {
        String token = config.token() == null ? "" : config.token().strip();
        if (!token.isEmpty() && token.length() < MIN_TOKEN) {
            throw new IllegalArgumentException(PID + " token: at least " + MIN_TOKEN + " characters (or empty to"
                    + " turn the admin API off)");
        }
        if (token.isEmpty()) {
            context = null;
            return;
        }
        context = CamelRuntime.newContext("cdphub-admin-api");
        http.share(context);
        CamelRuntime.start(context, new AdminApiRoutes(token, segments));
    }

    @Deactivate
    void stop() {
        if (context != null) {
            CamelRuntime.stop(context);
        }
    }
}

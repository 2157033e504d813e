package org.cdphub.routes.internal.http;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The hub's one HTTP server (Vert.x through Camel's platform-http). It runs in a Camel context of its own; connector
 * contexts share its router, so every connector's {@code platform-http:} consumers are served on the same port.
 */
@Component(configurationPid = "org.cdphub.http", service = HttpServer.class)
@Designate(ocd = HttpConfig.class)
public final class HttpServer {

    private final CamelContext context;
    private final String address;
    private final String routerName;

    @Activate
    public HttpServer(HttpConfig config) {
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("port: must be between 1 and 65535, got " + config.port());
        }
        if (config.max_body_bytes() < 1024) {
            throw new IllegalArgumentException("max.body.bytes: must be at least 1024, got " + config.max_body_bytes());
        }
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost(config.host());
        conf.setBindPort(config.port());
        conf.setPort(config.port());
        conf.setMaxBodySize(config.max_body_bytes());
        context = CamelRuntime.newContext("cdphub-http");
        CamelRuntime.withRuntimeClassLoader(() -> {
            context.addService(new VertxPlatformHttpServer(conf));
            return null;
        });
        CamelRuntime.start(context);
        address = config.host() + ":" + config.port();
        routerName = VertxPlatformHttpRouter.getRouterNameFromPort(config.port());
    }

    /** Makes this server's router serve the {@code platform-http:} consumers of {@code other}. */
    public void share(CamelContext other) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, routerName);
        // consumers look the router up by the default name or by the port's name, depending on their options
        other.getRegistry().bind(VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME, router);
        other.getRegistry().bind(routerName, router);
    }

    public String address() {
        return address;
    }

    @Deactivate
    void stop() {
        CamelRuntime.stop(context);
    }
}

package org.cdphub.routes.internal.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one HTTP server (Vert.x through Camel's platform-http). It runs in a Camel context of its own; connector
 * contexts share its router, so every connector's {@code platform-http:} consumers are served on the same port.
 */
@Component(configurationPid = "org.cdphub.http", service = HttpServer.class)
@Designate(ocd = HttpConfig.class)
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

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
        long limit = config.max_body_bytes();
        VertxPlatformHttpRouter.lookup(context, routerName).route().failureHandler(c -> answerFailure(c, limit));
    }

    /**
     * Answers a request that failed before a route took it, such as a body over the limit (Vert.x's body handler
     * fails it with 413): with the status and a JSON message, instead of Vert.x's "Unhandled exception in router" at
     * ERROR, which any client could otherwise write to the log at will. A failure without a status is a 500, logged.
     */
    private static void answerFailure(RoutingContext c, long limit) {
        int status = c.statusCode() > 0 ? c.statusCode() : 500;
        String message = status == 413 ? "request body over max.body.bytes (" + limit + " bytes)"
                : status == 500 ? "internal error" : HttpResponseStatus.valueOf(status).reasonPhrase();
        if (status == 500) {
            LOG.warn("HTTP {} {}: {}", c.request().method(), c.request().path(), String.valueOf(c.failure()),
                    c.failure());
        } else {
            LOG.debug("HTTP {} {}: {} {}", c.request().method(), c.request().path(), status, message);
        }
        if (!c.response().headWritten()) {
            c.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"" + message + "\"}");
        } else if (!c.response().ended()) {
            c.response().reset(); // half an answer is out: end this request (on HTTP/2 its stream), not a hang
        }
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

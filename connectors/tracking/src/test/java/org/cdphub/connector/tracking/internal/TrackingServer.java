package org.cdphub.connector.tracking.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorMetrics;

/** Test wiring: the connector's routes on a real Vert.x HTTP server, fragments and dead letters into mock endpoints. */
final class TrackingServer {

    final int port = AvailablePortFinder.getNextAvailable();
    final AtomicLong read = new AtomicLong();

    void install(CamelContext context) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
    }

    TrackingRoutes routes(String... writeKeys) {
        TrackingConfig config = new TrackingConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return TrackingConfig.class; }
            public String id() { return "web"; }
            public String write_keys() { return String.join(",", writeKeys); }
            public String path() { return "/v1"; }
            public String phone_default_region() { return "NL"; }
            public String dedup_window() { return "1000"; }
            public String events_ttl() { return "P395D"; }
        };
        return new TrackingRoutes(TrackingSettings.from(config), new Context(), Clock.systemUTC());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private final class Context implements ConnectorContext {
        public String connectorId() { return "web"; }
        public String fragmentsUri() { return "mock:fragments"; }
        public String membershipChangesUri() { return "mock:unused"; }
        public String deadLetterUri() { return "mock:dead"; }
        public String httpUri(String path) { return "platform-http:" + path; }
        public ConnectorMetrics metrics() {
            return new ConnectorMetrics() {
                public void recordsRead(long count) { read.addAndGet(count); }
                public void delivered(long count) { }
                public void failure(String message) { }
            };
        }
    }
}

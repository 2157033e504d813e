package org.cdphub.connector.tracking.internal;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;

/** A Camel test with the connector's routes on a real Vert.x HTTP server accepting one write key. */
abstract class TrackingTestSupport extends CamelTestSupport {

    protected final TrackingServer server = new TrackingServer();

    /** The write key the connector accepts. */
    protected abstract String writeKey();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        server.install(context);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return server.routes(writeKey());
    }
}

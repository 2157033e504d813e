package org.cdphub.connector.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.test.TestConnectorContext;

/**
 * One run of a connector instance: a Camel context of its own with the connector's routes and a
 * {@link TestConnectorContext}. A second run given the first one's checkpoints is a restart.
 */
final class ConnectorRun implements AutoCloseable {

    static final String POLL_ROUTE = "connector.crm-erp.poll";

    final TestConnectorContext connector;
    private final CamelContext camel = new DefaultCamelContext();

    ConnectorRun(CrmJdbcConnector instance, TestConnectorContext connector) throws Exception {
        this.connector = connector;
        // as the hub's runtime sets up a connector's context (ConnectorInstance): no error handler of its own, so
        // that failures travel back to the runtime; a connector that retries must say so in its routes
        camel.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
        camel.addRoutes(instance.routes(connector));
    }

    /** Starts the routes and waits until {@code polls} polls have ended. */
    ConnectorRun start(int polls) throws Exception {
        NotifyBuilder done = polls(polls);
        camel.start();
        await(done);
        return this;
    }

    /** Counts polls from now on; pass to {@link #await}. */
    NotifyBuilder polls(int polls) {
        return new NotifyBuilder(camel).fromRoute(POLL_ROUTE).whenDone(polls).create();
    }

    static void await(NotifyBuilder done) {
        assertThat(done.matches(20, TimeUnit.SECONDS)).as("polls done in time").isTrue();
    }

    /** The fragment batches received so far, as lists of source record ids. */
    List<List<String>> batches() {
        return mock(TestConnectorContext.FRAGMENTS).getExchanges().stream()
                .map(e -> fragments(e).stream().map(Fragment::sourceRecordId).toList()).toList();
    }

    List<Fragment> fragments() {
        return mock(TestConnectorContext.FRAGMENTS).getExchanges().stream()
                .flatMap(e -> fragments(e).stream()).toList();
    }

    @SuppressWarnings("unchecked")
    List<List<String>> removals() {
        return mock(TestConnectorContext.REMOVALS).getExchanges().stream()
                .map(e -> (List<String>) e.getMessage().getBody(List.class)).toList();
    }

    List<DeadLetter> deadLetters() {
        return mock(TestConnectorContext.DEAD_LETTERS).getExchanges().stream()
                .map(e -> e.getMessage().getBody(DeadLetter.class)).toList();
    }

    boolean pollRouteStarted() {
        return camel.getRouteController().getRouteStatus(POLL_ROUTE).isStarted();
    }

    MockEndpoint mock(String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Fragment> fragments(Exchange exchange) {
        return (List<Fragment>) exchange.getMessage().getBody(List.class);
    }

    @Override
    public void close() {
        camel.stop();
    }
}

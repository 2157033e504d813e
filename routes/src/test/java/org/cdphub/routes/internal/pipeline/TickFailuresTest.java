package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.Test;

/** A timed route's failed ticks reach the tick reporter, one call each, and the timer goes on ticking. */
class TickFailuresTest extends CamelTestSupport {

    private final AtomicInteger ticks = new AtomicInteger();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                TickFailures.install(this);
                from(TickFailures.timer("tick-test", Duration.ofMillis(10), Duration.ofMillis(50)))
                        .routeId("core.test.tick")
                        .process(e -> {
                            ticks.incrementAndGet();
                            throw new IllegalStateException("profile store: cdphub",
                                    new java.sql.SQLTransientConnectionException("timed out after 30000ms."));
                        });
            }
        };
    }

    @Test
    void everyFailedTickIsReportedOnceAndTheTimerGoesOn() throws Exception {
        TickFailures reporter = (TickFailures) context.getRegistry().lookupByNameAndType(TickFailures.BEAN,
                ExceptionHandler.class);
        TestBroker.await(() -> ticks.get() >= 3);
        context.getRouteController().stopRoute("core.test.tick");
        // the timer reports a tick once its exchange is done, which can be just after the stop returned
        TestBroker.await(() -> reporter.failed() == ticks.get());
        Thread.sleep(200);
        assertThat(reporter.failed()).as("failed ticks reported, once each").isEqualTo(ticks.get());
    }

    @Test
    void theLineNamesTheRouteAndTheInnermostCause() {
        Exception failure = new IllegalStateException("profile store: cdphub",
                new java.sql.SQLTransientConnectionException("request timed out after 30000ms."));
        assertThat(TickFailures.describe("core.expiry.sweep", failure)).isEqualTo("core.expiry.sweep: the tick failed"
                + " (SQLTransientConnectionException: request timed out after 30000ms.); the next tick tries again");
        assertThat(TickFailures.describe(null, new NullPointerException()))
                .isEqualTo("a timed route: the tick failed (NullPointerException); the next tick tries again");
        Exception a = new IllegalStateException("a");
        Exception b = new IllegalStateException("b", a);
        a.initCause(b); // a loop of causes ends the walk, not the timer's thread
        assertThat(TickFailures.describe("r", a)).startsWith("r: the tick failed (IllegalStateException: ");
    }
}

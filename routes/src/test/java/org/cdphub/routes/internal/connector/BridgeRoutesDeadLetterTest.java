package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Policy;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.routes.internal.Headers;
import org.junit.jupiter.api.Test;

/**
 * Dead letters under the transport's transaction policy, which may run the sends more than once (a failed commit is
 * rolled back and sent again): the letters are counted once, and a failed send stops the list.
 */
class BridgeRoutesDeadLetterTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T01:00:00Z"), ZoneOffset.UTC);
    private final Counters counters = new Counters(CLOCK);
    /** Runs the wrapped sends twice, as TransactedSends does after a failed commit; counts the runs. */
    private final AtomicInteger runs = new AtomicInteger();
    private final Policy twice = new Policy() {
        @Override
        public void beforeWrap(Route route, NamedNode definition) {
            // nothing to prepare
        }

        @Override
        public Processor wrap(Route route, Processor processor) {
            return exchange -> {
                Object letters = exchange.getMessage().getBody();
                for (int run = 0; run < 2; run++) {
                    runs.incrementAndGet();
                    exchange.setException(null);
                    exchange.getMessage().setBody(letters);
                    processor.process(exchange);
                }
            };
        }
    };

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new BridgeRoutes("files", new BridgeRoutes.Endpoints("mock:fragments", "mock:dead", null, 1, twice),
                Optional.empty(), counters, CLOCK);
    }

    @Test
    void aListGoesThroughThePolicyAndIsCountedOnceHoweverOftenItIsSent() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(6); // no broker here to roll back the first run's sends

        template.sendBody(BridgeRoutes.DEAD_LETTER, List.of(letter(2, "bad email"), letter(5, "bad phone"),
                letter(9, "bad date")));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(runs).hasValue(2);
        assertThat(dead.getExchanges()).extracting(e -> e.getMessage().getHeader(Headers.REASON)).containsExactly(
                "bad email", "bad phone", "bad date", "bad email", "bad phone", "bad date");
        assertThat(counters.deadLettered).as("counted once, before the sends").hasValue(3);
    }

    @Test
    void aFailedSendStopsTheRestOfTheList() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.whenExchangeReceived(2, e -> {
            throw new IllegalStateException("broker connection lost");
        });

        template.send(BridgeRoutes.DEAD_LETTER, e -> e.getMessage().setBody(List.of(letter(2, "a"), letter(3, "b"),
                letter(4, "c"))));

        assertThat(dead.getExchanges()).as("the first run stops at its failed second send, the next sends all")
                .extracting(e -> e.getMessage().getHeader(Headers.REASON)).containsExactly("a", "b", "a", "b", "c");
        assertThat(counters.deadLettered).hasValue(3);
    }

    private static DeadLetter letter(int line, String reason) {
        return new DeadLetter("connector.files.map", "files", "f.csv:" + line, reason, "raw " + line,
                CLOCK.instant());
    }
}

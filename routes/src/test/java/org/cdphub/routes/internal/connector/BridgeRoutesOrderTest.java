package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.Fragment;
import org.cdphub.routes.internal.Headers;
import org.junit.jupiter.api.Test;

/** Fragments and removals that callers hand in while a send is under way go out in the order they came. */
class BridgeRoutesOrderTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch sending = new CountDownLatch(1);
    private final BridgeRoutes bridge = new BridgeRoutes("shop", new BridgeRoutes.Endpoints("direct:queue", "mock:dead",
            null), Optional.empty(), new Counters(CLOCK), CLOCK);

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            bridge,
            new RouteBuilder() {
                @Override
                public void configure() {
                    // the queue: its first send hangs until the test releases it, as a slow broker round trip does
                    from("direct:queue").process(e -> {
                        if (sending.getCount() > 0) {
                            sending.countDown();
                            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                        }
                    }).to("mock:queue");
                }
            }
        };
    }

    @Test
    void aRemovalHandedInAfterAFragmentOfItsRecordIsSentAfterIt() throws Exception {
        MockEndpoint queue = getMockEndpoint("mock:queue");
        String group = RecordGroups.group("shop", "a");
        String other = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "x" + i)
                .filter(id -> !RecordGroups.group("shop", id).equals(group)).findFirst().orElseThrow();
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> template.sendBody(BridgeRoutes.FRAGMENTS, List.of(fragment(other))));
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue(); // the other record's send is under way
        CompletableFuture<Void> update = CompletableFuture.runAsync(
                () -> template.sendBody(BridgeRoutes.FRAGMENTS, List.of(fragment("a"))));
        awaitWaiting(1); // a's batch waits behind it
        CompletableFuture<Void> removal = CompletableFuture.runAsync(
                () -> template.sendBody(BridgeRoutes.REMOVALS, List.of("a")));
        awaitWaiting(2);
        assertThat(queue.getReceivedCounter()).as("nothing overtook the send under way").isZero();

        release.countDown();
        CompletableFuture.allOf(first, update, removal).get(10, TimeUnit.SECONDS);

        assertThat(queue.getExchanges().stream().filter(e -> group.equals(e.getMessage().getHeader(Headers.GROUP)))
                .map(e -> e.getMessage().getHeader(Headers.KIND) == null ? "fragments" : "removals").toList())
                .as("messages of a's group, in order").containsExactly("fragments", "removals");
    }

    /** Waits until {@code n} callers wait behind the send under way. */
    private void awaitWaiting(int n) throws InterruptedException {
        GroupSender<?> sender = bridge.sender();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.waiting() < n) {
            assertThat(System.nanoTime()).as(n + " callers waiting").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Fragment fragment(String id) {
        return new Fragment("shop", id, CLOCK.instant(), List.of(), null, null, null, null);
    }
}

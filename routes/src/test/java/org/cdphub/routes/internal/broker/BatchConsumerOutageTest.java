package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.ConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batch consumption while what the stage needs (the store) is not available: the consumer closes instead of spending
 * the messages' delivery attempts, and other nodes take its groups (a real Artemis over AMQP, which dead-letters a
 * message after its second attempt).
 */
class BatchConsumerOutageTest {

    /** Checks 100 ms apart instead of 5 s, so that an outage's tests take a second or two. */
    private static final String FAST_PROBES = "&probeInterval=100";
    /**
     * A batch waits up to 300 ms for each next message instead of 1 ms: the broker delivers to a new consumer at its
     * own pace, and on a busy machine the first batches would otherwise hold whatever came within a millisecond.
     */
    private static final String FULL_BATCHES = "&moreWait=300";

    private TestBroker broker;
    private ConnectionFactory connectionFactory;
    private CamelContext context;

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestBroker.start(2);
        connectionFactory = broker.connectionFactory();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    @Test
    void whileWhatTheStageNeedsIsNotAvailableTheConsumerIsClosedSoAnOutageSpendsOneAttemptHoweverLongItLasts()
            throws Exception {
        broker.send("in", 30, i -> "m" + i);
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger failedBatch = new AtomicInteger();
        AtomicLong fetched = new AtomicLong();
        Map<String, Integer> deliveries = new ConcurrentHashMap<>(); // of each committed message
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BooleanSupplier store = storeUnless(down, checks);
        start(Map.of("storeAvailable", store), new RouteBuilder() {
            @Override
            public void configure() {
                // at most 5 a batch: the client has fetched more than the failed batch when the consumer closes
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable") + FAST_PROBES).process(e -> {
                    if (down.get()) {
                        failedBatch.set(Received.of(e.getMessage()).size());
                        // the broker fills the client's prefetch buffer asynchronously: on a busy machine it may
                        // not have sent more than the batch yet, so wait (bounded) until it has, or time out and
                        // let the assertion below report how many it had sent
                        fetched.set(fetchedBeyond(failedBatch.get()));
                        failed.incrementAndGet();
                        throw new IllegalStateException("the store does not answer");
                    }
                    for (Received r : Received.of(e.getMessage())) {
                        deliveries.put(r.body(), ((Number) r.headers().get("JMSXDeliveryCount")).intValue());
                    }
                });
            }
        });
        // asked after the failure, then again and again for 2 s: the broker would have dead-lettered the batch at its
        // second attempt, 1 s after the first, had the consumer taken it again
        TestBroker.await(() -> checks.get() >= 20);
        assertThat(failed).as("batches tried while the store was down").hasValue(1);
        assertThat(broker.server().locateQueue(SimpleString.of("in")).getConsumerCount())
                .as("consumers while the store is down").isZero();
        assertThat(fetched.get()).as("messages the client had fetched when the batch failed")
                .isGreaterThan(failedBatch.get());
        down.set(false);
        TestBroker.await(() -> deliveries.size() == 30);
        assertThat(broker.receiveAll("DLA::DLQ.in")).as("dead-lettered").isEmpty();
        assertThat(deliveries.values()).as("deliveries of each message: the failed batch's were delivered twice,"
                + " what the client had fetched besides was handed back without a delivery counted")
                .containsOnly(1, 2).filteredOn(n -> n == 2).hasSize(failedBatch.get());
    }

    @Test
    void aNodeWhoseStoreIsDownHandsItsMessageGroupsToTheNodesWhoseStoreAnswers() throws Exception {
        AtomicInteger failed = new AtomicInteger();
        List<String> taken = new CopyOnWriteArrayList<>(); // bodies, in the order the batches committed
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        // node-0 cannot reach its store
        start(Map.of("storeAvailable", (BooleanSupplier) () -> false), new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable")).routeId("node-0").process(e -> {
                    failed.incrementAndGet();
                    throw new IllegalStateException("node-0: the store does not answer");
                });
                from("direct:send").to(amqp.sendTo("in"));
            }
        });
        // node-1, whose store answers, is a second context, as a second hub node has its own
        CamelContext node1 = new DefaultCamelContext();
        amqp.install(node1);
        node1.getRegistry().bind("storeAvailable", BooleanSupplier.class,
                (BooleanSupplier) () -> true);
        node1.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable")).routeId("node-1")
                        .process(e -> Received.of(e.getMessage()).forEach(r -> taken.add(r.body())));
            }
        });
        int groups = 7;
        ProducerTemplate producer = context.createProducerTemplate();
        try {
            for (int i = 0; i < 140; i++) {
                producer.sendBodyAndHeader("direct:send", "g" + (i % groups) + "-" + i,
                        Headers.GROUP, "g" + (i % groups));
            }
            TestBroker.await(() -> failed.get() >= 1); // node-0 took every group, failed, and closes
            node1.start();
            TestBroker.await(() -> taken.size() == 140);
        } finally {
            producer.stop();
            node1.stop();
        }
        assertThat(failed).as("batches node-0 tried").hasValue(1);
        assertThat(broker.receiveAll("DLA::DLQ.in")).as("dead-lettered").isEmpty();
        for (int g = 0; g < groups; g++) {
            String group = "g" + g + "-";
            int first = g;
            assertThat(taken.stream().filter(b -> b.startsWith(group))).as("group " + g + " in order on node-1")
                    .containsExactlyElementsOf(IntStream.range(0, 140).filter(i -> i % groups == first)
                            .mapToObj(i -> group + i).toList());
        }
    }

    @Test
    void theConsumerOpensAgainOnlyOnceTheConditionHeldAtTwoChecksInARow() throws Exception {
        broker.send("in", 10, i -> "m" + i);
        // the answers after the failed batch: the first closes the consumer, then no, yes, no, yes, yes
        List<Boolean> answers = List.of(false, false, true, false, true, true);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger checksBeforeTheFirstCommit = new AtomicInteger(-1);
        List<String> taken = new CopyOnWriteArrayList<>();
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BooleanSupplier store = () -> {
            int n = checks.getAndIncrement();
            return n >= answers.size() || answers.get(n);
        };
        start(Map.of("storeAvailable", store), new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable") + FAST_PROBES).process(e -> {
                    if (checks.get() == 0) {
                        throw new IllegalStateException("the store does not answer");
                    }
                    checksBeforeTheFirstCommit.compareAndSet(-1, checks.get());
                    Received.of(e.getMessage()).forEach(r -> taken.add(r.body()));
                });
            }
        });
        TestBroker.await(() -> taken.size() == 10);
        assertThat(checksBeforeTheFirstCommit).as("checks before the consumer took messages again: the one after the"
                + " failure, then until two yes in a row").hasValue(answers.size());
        assertThat(checks).as("no check while batches commit").hasValue(answers.size());
        assertThat(broker.receiveAll("DLA::DLQ.in")).as("dead-lettered").isEmpty();
    }

    @Test
    void afterAnOutageTheFailedBatchsMessagesAreNotTakenOneAtATime() throws Exception {
        broker.send("in", 40, i -> "m" + i);
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger failedBatch = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        List<Integer> sizes = new CopyOnWriteArrayList<>(); // of the batches that committed, in order
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BooleanSupplier store = storeUnless(down, checks);
        start(Map.of("storeAvailable", store), new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 10, "storeAvailable") + FAST_PROBES + FULL_BATCHES).process(e -> {
                    int size = Received.of(e.getMessage()).size();
                    if (down.get()) {
                        failedBatch.set(size);
                        throw new IllegalStateException("the store does not answer");
                    }
                    sizes.add(size);
                });
            }
        });
        TestBroker.await(() -> checks.get() >= 2); // closed, and asking
        down.set(false);
        TestBroker.await(() -> sizes.stream().mapToInt(Integer::intValue).sum() == 40);
        // a batch that fails for a message of its own is taken again one message at a time: its n messages in n
        // batches. One that failed for want of the store is not: after the wait all 40 are on the queue, so its
        // messages are taken in fewer batches than that
        int batches = 0;
        for (int taken = 0; taken < failedBatch.get(); batches++) {
            taken += sizes.get(batches);
        }
        assertThat(failedBatch.get()).as("the failed batch").isGreaterThan(1);
        assertThat(batches).as("batches that took the failed batch's messages again (batches: %s)", sizes)
                .isLessThan(failedBatch.get());
    }

    @Test
    void aStopWhileTheConsumerIsClosedEndsItsThreadAndAStartConsumesAgain() throws Exception {
        broker.send("in", 20, i -> "m" + i);
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger checks = new AtomicInteger();
        List<String> taken = new CopyOnWriteArrayList<>();
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BooleanSupplier store = storeUnless(down, checks);
        start(Map.of("storeAvailable", store), new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable") + FAST_PROBES).routeId("r").process(e -> {
                    if (down.get()) {
                        throw new IllegalStateException("the store does not answer");
                    }
                    Received.of(e.getMessage()).forEach(r -> taken.add(r.body()));
                });
            }
        });
        TestBroker.await(() -> checks.get() >= 3);
        long before = System.nanoTime();
        context.getRouteController().stopRoute("r");
        assertThat((System.nanoTime() - before) / 1_000_000).as("ms the stop took (its join waits 10 s)")
                .isLessThan(9_000);
        assertThat(consumerThreads()).as("consumer threads after the stop").isZero();
        int checksAtTheStop = checks.get();
        Thread.sleep(500);
        assertThat(checks).as("checks after the stop").hasValue(checksAtTheStop);
        down.set(false);
        context.getRouteController().startRoute("r");
        TestBroker.await(() -> taken.size() == 20);
        assertThat(consumerThreads()).as("consumer threads after the start").isOne();
        assertThat(taken).as("each message once").doesNotHaveDuplicates();
        assertThat(broker.receiveAll("DLA::DLQ.in")).as("dead-lettered").isEmpty();
    }

    @Test
    void aStopWhileTheCheckHangsInterruptsTheCheckAndEndsTheThread() throws Exception {
        broker.send("in", 5, i -> "m" + i);
        AtomicBoolean hang = new AtomicBoolean(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger checks = new AtomicInteger();
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BooleanSupplier store = () -> {
            checks.incrementAndGet();
            while (hang.get()) { // as a pool that waits for a connection does, until it is interrupted
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        };
        start(Map.of("storeAvailable", store), new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "storeAvailable") + FAST_PROBES).routeId("r").process(e -> {
                    throw new IllegalStateException("the store does not answer");
                });
            }
        });
        TestBroker.await(() -> checks.get() >= 1);
        try {
            context.getRouteController().stopRoute("r");
            TestBroker.await(() -> consumerThreads() == 0);
            assertThat(interrupted).as("the hanging check was interrupted").isTrue();
        } finally {
            hang.set(false);
        }
        assertThat(checks).as("checks: the one that hung").hasValue(1);
    }

    @Test
    void aConditionNamedButNotInTheRegistryFailsTheRouteAtItsStart() {
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        assertThatThrownBy(() -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 5, "noSuchCondition")).log("never");
            }
        })).hasStackTraceContaining("noSuchCondition");
    }

    @Test
    void aProbeIntervalOrBatchSizeOutOfRangeFailsTheRouteAtItsStartNamingTheParameter() {
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        Map<String, String> bounds = Map.of("probeInterval", "100 to 600000", "moreWait", "1 to 10000");
        for (String bad : List.of("&probeInterval=10", "&probeInterval=none", "&moreWait=0", "&moreWait=10001",
                "&moreWait=soon")) {
            String name = bad.substring(1, bad.indexOf('='));
            assertThatThrownBy(() -> start(new RouteBuilder() {
                @Override
                public void configure() {
                    from(amqp.consumeBatchesFrom("in", 5) + bad).log("never");
                }
            })).as(bad).hasStackTraceContaining(name + " must be " + bounds.get(name) + " ms, got '"
                    + bad.substring(bad.indexOf('=') + 1) + "'");
        }
        assertThatThrownBy(() -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from(amqp.consumeBatchesFrom("in", 0)).log("never");
            }
        })).hasStackTraceContaining("maxMessages must be 1 to 10000, got 0");
    }

    /** The stage's condition as these tests drive it: the store answers unless {@code down}; each check counted. */
    private static BooleanSupplier storeUnless(AtomicBoolean down, AtomicInteger checks) {
        return () -> {
            checks.incrementAndGet();
            return !down.get();
        };
    }

    /**
     * Messages of queue {@code in} delivered to a client and not yet acknowledged, once more than {@code batch} or
     * after 10 s, whichever comes first.
     */
    private long fetchedBeyond(int batch) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long fetched = broker.server().locateQueue(SimpleString.of("in")).getDeliveringCount();
        while (fetched <= batch && System.nanoTime() < deadline) {
            Thread.sleep(20);
            fetched = broker.server().locateQueue(SimpleString.of("in")).getDeliveringCount();
        }
        return fetched;
    }

    /** The consumer threads of queue {@code in} alive now. */
    private static long consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("cdphub-batch[in]")).count();
    }

    private void start(RouteBuilder routes) throws Exception {
        start(Map.of(), routes);
    }

    private void start(Map<String, Object> beans, RouteBuilder routes) throws Exception {
        context = broker.startContext(beans, routes);
    }
}

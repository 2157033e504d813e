package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch consumption from a real Artemis over AMQP, as the hub's stages use it. */
class BatchConsumerTest {

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
    void messagesAlreadyQueuedAreTakenInBatchesInOrder() throws Exception {
        send("in", 30, i -> "m" + i);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // waiting up to 300 ms for each next message: on a busy machine the broker may deliver them to the
                // new consumer more than the default 1 ms apart
                from(new AmqpTransport(connectionFactory).consumeBatchesFrom("in", 10) + "&moreWait=300")
                        .process(e -> batches.add(bodies(e.getMessage().getBody())));
            }
        });
        TestBroker.await(() -> batches.stream().mapToInt(List::size).sum() == 30);
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 10));
        assertThat(batches.size()).as("exchanges for 30 queued messages").isLessThan(30);
        assertThat(batches.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "m" + i).toList());
        assertThat(broker.receiveAll("in")).as("nothing left on the queue").isEmpty();
    }

    @Test
    void aFailedBatchIsRolledBackWithWhatItSentAndItsPoisonMessageAloneReachesTheDeadLetterAddress() throws Exception {
        send("in", 20, i -> i == 7 ? "poison" : "m" + i);
        List<List<String>> committed = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                from(amqp.consumeBatchesFrom("in", 50))
                        .process(e -> e.setProperty("bodies", bodies(e.getMessage().getBody())))
                        .process(e -> e.getMessage().setBody(String.join(",", e.getProperty("bodies", List.class))))
                        .to(amqp.sendTo("out")) // sent before the failure: must go only if the batch commits
                        .process(e -> {
                            List<String> bodies = e.getProperty("bodies", List.class);
                            if (bodies.contains("poison")) {
                                throw new IllegalStateException("cannot process poison");
                            }
                            committed.add(bodies);
                        });
            }
        });
        List<String> dead = new ArrayList<>(); // auto-created dead-letter queue DLQ.<address> on address DLA
        TestBroker.await(() -> committed.stream().mapToInt(List::size).sum() == 19
                && (dead.addAll(broker.receiveAll("DLA::DLQ.in")) || !dead.isEmpty()));
        assertThat(dead).as("only the poison message is dead-lettered").containsExactly("poison");
        List<String> out = broker.receiveAll("out");
        assertThat(out).as("one message per committed batch, none for a rolled back one")
                .hasSize(committed.size()).noneMatch(body -> body.contains("poison"));
        assertThat(committed.stream().flatMap(List::stream).sorted().toList())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).filter(i -> i != 7)
                        .mapToObj(i -> "m" + i).toList());
    }

    @Test
    void workLeftForAfterTheCommitRunsOnceTheBatchAndWhatItSentAreCommittedAndNeverForARolledBackBatch()
            throws Exception {
        send("in", 6, i -> i == 5 ? "fails" : "m" + i);
        List<String> ranFor = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        List<String> sentWhenRun = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                from(amqp.consumeBatchesFrom("in", 1)) // one message a batch: the failing one fails alone
                        .process(e -> e.getMessage().setBody(bodies(e.getMessage().getBody()).get(0)))
                        .to(amqp.sendTo("out"))
                        .process(e -> {
                            String body = e.getMessage().getBody(String.class);
                            org.cdphub.routes.internal.AfterCommit.add(e, () -> {
                                // what the batch sent can be taken by now: the transaction has committed
                                try {
                                    sentWhenRun.add(broker.receiveOne("out"));
                                } catch (Exception x) {
                                    throw new IllegalStateException(x);
                                }
                                ranFor.add(body);
                            });
                            if (body.equals("fails")) {
                                failures.incrementAndGet();
                                throw new IllegalStateException("fails after leaving work for after the commit");
                            }
                        });
            }
        });
        TestBroker.await(() -> ranFor.size() == 5 && failures.get() >= 2); // rolled back twice by now
        assertThat(ranFor).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(sentWhenRun).as("each batch's message, taken by its own after-commit work; never the rolled back one")
                .containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void aRolledBackBatchIsTakenAgainBeforeTheMessagesAfterIt() throws Exception {
        send("in", 300, i -> "m" + i); // more than one batch, so the client holds later messages when m5 fails
        List<String> committed = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        long[] failedAt = new long[1];
        long[] retriedAt = new long[1];
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(new AmqpTransport(connectionFactory).consumeBatchesFrom("in", 10)).process(e -> {
                    List<String> bodies = bodies(e.getMessage().getBody());
                    if (bodies.contains("m5") && failed.compareAndSet(false, true)) {
                        failedAt[0] = System.nanoTime();
                        throw new IllegalStateException("store down once");
                    }
                    if (bodies.contains("m5")) {
                        retriedAt[0] = System.nanoTime();
                    }
                    committed.addAll(bodies);
                });
            }
        });
        TestBroker.await(() -> committed.size() == 300);
        assertThat(committed).as("in the order sent, the failed batch first")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(i -> "m" + i).toList());
        assertThat((retriedAt[0] - failedAt[0]) / 1_000_000).as("ms the consumer waited before taking it again")
                .isGreaterThanOrEqualTo(BatchConsumer.FIRST_BACKOFF_MS - 50);
    }

    @Test
    void theBackOffDoublesUpToAMinute() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 9).mapToLong(BatchConsumer::backoff).boxed().toList())
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L);
        assertThat(BatchConsumer.backoff(1_000)).isEqualTo(60_000L);
    }

    @Test
    void aConsumerThatComesLaterLeavesTheGroupsWhereTheyAreSoNoGroupIsTakenOutOfOrder() throws Exception {
        // with group rebalancing (even with dispatch paused) this failed now and then: the later consumer merged a
        // group's later message while the first still worked on an earlier one
        List<String> taken = new CopyOnWriteArrayList<>(); // "<consumer> <body>", in the order the batches committed
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                for (String consumer : List.of("node-0", "node-1")) { // node-1 starts later
                    from(amqp.consumeBatchesFrom("in", consumer.equals("node-0") ? 5 : 4)).routeId(consumer)
                            .autoStartup(consumer.equals("node-0")).process(e -> {
                                synchronized (taken) {
                                    bodies(e.getMessage().getBody()).forEach(b -> taken.add(consumer + " " + b));
                                }
                                // node-0 slow: it still holds messages of every group when node-1 joins
                                Thread.sleep(consumer.equals("node-0") ? 100 : 5);
                            });
                }
                from("direct:send").to(amqp.sendTo("in"));
            }
        });
        int groups = 7;
        org.apache.camel.ProducerTemplate producer = context.createProducerTemplate();
        java.util.function.IntConsumer send = i -> producer.sendBodyAndHeader("direct:send",
                "g" + (i % groups) + "-" + i, org.cdphub.routes.internal.Headers.GROUP, "g" + (i % groups));
        for (int i = 0; i < 140; i++) {
            send.accept(i);
        }
        TestBroker.await(() -> taken.size() >= 20); // node-0 has taken every group
        context.getRouteController().startRoute("node-1");
        TestBroker.await(() -> broker.server().locateQueue(SimpleString.of("in")).getConsumerCount() == 2);
        for (int i = 140; i < 280; i++) {
            send.accept(i);
        }
        TestBroker.await(() -> taken.size() == 280);
        producer.stop();
        assertThat(taken).as("the consumer that came later took none of the groups the first holds")
                .noneMatch(t -> t.startsWith("node-1 "));
        for (int g = 0; g < groups; g++) {
            String group = "g" + g + "-";
            int first = g;
            assertThat(taken.stream().map(t -> t.substring(t.indexOf(' ') + 1)).filter(b -> b.startsWith(group)))
                    .as("group " + g + " in order across both consumers")
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 280).filter(i -> i % groups == first)
                            .mapToObj(i -> group + i).toList());
        }
    }

    @Test
    void sendsUnderTheTransactionPolicyGoOutTogetherAfterAFailedRunIsRolledBackAndRunAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                from("direct:round")
                        .policy(amqp.sendsInOneTransaction())
                            .split(body())
                                .to(amqp.sendTo("round"))
                            .end()
                            .process(e -> {
                                int run = runs.incrementAndGet();
                                if (run <= e.getMessage().getHeader("failures", 0, Integer.class)) {
                                    assertThat(broker.receiveAll("round")).as("nothing out before the commit").isEmpty();
                                    throw new IllegalStateException("run " + run + " fails after its sends");
                                }
                            })
                        .end();
            }
        });
        List<String> five = List.of("a", "b", "c", "d", "e");

        context.createProducerTemplate().sendBodyAndHeader("direct:round", five, "failures", 1);
        assertThat(runs).hasValue(2);
        assertThat(broker.receiveAll("round")).as("once each: the failed run was rolled back").containsExactlyElementsOf(five);

        runs.set(0);
        Exchange failed = context.createProducerTemplate().request("direct:round", e -> {
            e.getMessage().setBody(five);
            e.getMessage().setHeader("failures", TransactedSends.ATTEMPTS);
        });
        assertThat(runs).hasValue(TransactedSends.ATTEMPTS);
        assertThat(failed.getException()).hasMessageContaining("fails after its sends");
        assertThat(broker.receiveAll("round")).as("every run rolled back").isEmpty();
    }

    @Test
    void sendsUnderTheTransactionPolicyInATransactedConsumersRouteGoWithItsTransaction() throws Exception {
        send("in", 20, i -> i == 7 ? "poison" : "m" + i);
        List<String> committed = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                from(amqp.consumeBatchesFrom("in", 50))
                        .process(e -> e.getMessage().setBody(bodies(e.getMessage().getBody())))
                        .policy(amqp.sendsInOneTransaction()) // joins the consumer's transaction
                            .process(e -> e.setProperty("bodies", e.getMessage().getBody()))
                            .split(body())
                                .to(amqp.sendTo("out"))
                            .end()
                            .process(e -> {
                                List<String> bodies = e.getProperty("bodies", List.class);
                                if (bodies.contains("poison")) {
                                    throw new IllegalStateException("cannot process poison");
                                }
                                committed.addAll(bodies);
                            })
                        .end();
            }
        });
        List<String> dead = new ArrayList<>();
        TestBroker.await(() -> committed.size() == 19 && (dead.addAll(broker.receiveAll("DLA::DLQ.in")) || !dead.isEmpty()));
        assertThat(dead).as("only the poison message is dead-lettered").containsExactly("poison");
        assertThat(broker.receiveAll("out")).as("sent once each, with the batches that committed")
                .containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void aSharedDurableSubscriptionIsTakenInBatchesAndKeepsWhatArrivesWhileItIsStopped() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from(new AmqpTransport(connectionFactory).subscribeInBatches("changes", "outbound.x", 10))
                        .process(e -> got.addAll(bodies(e.getMessage().getBody())));
            }
        };
        start(routes);
        TestBroker.await(() -> broker.server().getPostOffice().getBindingsForAddress(SimpleString.of("changes"))
                .getBindings().iterator().hasNext()); // the subscription exists: what is published now is kept
        publish("changes", 5, i -> "a" + i);
        TestBroker.await(() -> got.size() == 5);
        context.stop();
        publish("changes", 25, i -> "b" + i); // kept by the durable subscription
        start(routes);
        TestBroker.await(() -> got.size() == 30);
        assertThat(got.subList(5, 30))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).mapToObj(i -> "b" + i).toList());
    }

    @Test
    void competingBatchConsumersShareTheMessageGroupsAndEachGroupReachesOneOfThemInOrder() throws Exception {
        // as the merge stages of two nodes take the fragments queue, whose messages carry their record group
        Map<String, List<String>> byConsumer = new java.util.concurrent.ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                AmqpTransport amqp = new AmqpTransport(connectionFactory);
                for (String consumer : List.of("node-0", "node-1")) { // one endpoint each: batches of 5 and 4
                    from(amqp.consumeBatchesFrom("in", consumer.equals("node-0") ? 5 : 4)).routeId(consumer)
                            .process(e -> {
                        byConsumer.computeIfAbsent(consumer, c -> new CopyOnWriteArrayList<>())
                                .addAll(bodies(e.getMessage().getBody()));
                        Thread.sleep(5); // busy: the other consumer would take the next messages if it could
                    });
                }
                from("direct:send").to(amqp.sendTo("in"));
            }
        });
        TestBroker.await(() -> broker.server().locateQueue(SimpleString.of("in")) != null
                && broker.server().locateQueue(SimpleString.of("in")).getConsumerCount() == 2);
        int groups = 7; // odd: round robin over two consumers without groups would split every group
        org.apache.camel.ProducerTemplate producer = context.createProducerTemplate();
        for (int i = 0; i < 161; i++) {
            producer.sendBodyAndHeader("direct:send", "g" + (i % groups) + "-" + i,
                    org.cdphub.routes.internal.Headers.GROUP, "g" + (i % groups));
        }
        producer.stop();
        TestBroker.await(() -> byConsumer.values().stream().mapToInt(List::size).sum() == 161);
        assertThat(byConsumer).as("both consumers took groups").containsOnlyKeys("node-0", "node-1");
        for (int g = 0; g < groups; g++) {
            String group = "g" + g + "-";
            int first = g;
            List<String> expected = java.util.stream.IntStream.range(0, 161).filter(i -> i % groups == first)
                    .mapToObj(i -> group + i).toList();
            List<List<String>> seen = byConsumer.values().stream()
                    .map(bodies -> bodies.stream().filter(b -> b.startsWith(group)).toList())
                    .filter(l -> !l.isEmpty()).toList();
            assertThat(seen).as("group " + g + " went to one consumer, in order").hasSize(1);
            assertThat(seen.get(0)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void headersOfEachMessageComeWithIt() throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("in"));
            for (String source : List.of("crm", "web")) {
                Message m = s.createTextMessage("[]");
                m.setStringProperty("CdpSource", source);
                p.send(m);
            }
        }
        List<String> sources = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(new AmqpTransport(connectionFactory).consumeBatchesFrom("in", 10))
                        .process(e -> Received.of(e.getMessage()).forEach(r -> sources.add(r.header("CdpSource"))));
            }
        });
        TestBroker.await(() -> sources.size() == 2);
        assertThat(sources).containsExactly("crm", "web");
    }

    private void start(RouteBuilder routes) throws Exception {
        context = broker.startContext(Map.of(), routes);
    }

    private static List<String> bodies(Object body) {
        List<String> bodies = new ArrayList<>();
        for (Object item : (List<?>) body) {
            bodies.add(((Received) item).body());
        }
        return bodies;
    }

    private void send(String queue, int n, java.util.function.IntFunction<String> body) throws Exception {
        broker.send(queue, n, body);
    }

    private void publish(String topic, int n, java.util.function.IntFunction<String> body) throws Exception {
        send(s -> s.createTopic(topic), n, body);
    }

    private interface To {
        jakarta.jms.Destination in(Session session) throws jakarta.jms.JMSException;
    }

    private void send(To to, int n, java.util.function.IntFunction<String> body) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(to.in(s));
            for (int i = 0; i < n; i++) {
                p.send(s.createTextMessage(body.apply(i)));
            }
        }
    }
}

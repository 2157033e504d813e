package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.QueueReader.Count;
import org.junit.jupiter.api.AfterEach;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.junit.jupiter.api.Test;

/** Reading queues without taking their messages off, over AMQP to a real Artemis. */
class QueueReaderTest {

    private TestBroker broker;
    private AmqpTransport transport;

    private void start(TestBroker started) {
        broker = started;
        transport = new AmqpTransport(broker.connectionFactory());
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    @Test
    void theTransportAnswersWhileTheBrokerRunsAndSaysNoOnceItIsGone() throws Exception {
        start(TestBroker.start(5));
        assertThat(transport.answers()).isTrue();
        broker.close();
        long start = System.nanoTime();
        assertThat(transport.answers()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused at once, not waited for").isLessThan(10_000);
    }

    @Test
    void peekShowsTheOldestFirstWithTheirHeadersAndTheBrokerCountsWithoutCreatingAQueue() throws Exception {
        start(TestBroker.start(5));
        sendLetters("q.dlq", 5);
        List<Received> first = transport.peek("q.dlq", 3);
        assertThat(first).extracting(Received::body).containsExactly("letter 0", "letter 1", "letter 2");
        assertThat(first).extracting(r -> r.header("CdpReason")).containsExactly("reason 0", "reason 1", "reason 2");
        assertThat(transport.count(List.of("q.none", "q.dlq"), 2)).as("counted by the broker: exact, in order")
                .containsExactly(entry("q.none", new Count(0, false)), entry("q.dlq", new Count(5, false)));
        assertThat(broker.server().locateQueue("q.none")).as("a queue that is not there is not created").isNull();
        assertThat(broker.receiveAll("q.dlq")).as("still on the queue").hasSize(5);
        assertThat(transport.count(List.of("q.dlq"), 100)).containsExactly(entry("q.dlq", new Count(0, false)));
        assertThat(transport.peek("q.dlq", 10)).isEmpty();
    }

    @Test
    void theBrokersOwnDeadLetterQueuesAreFoundByNameAndReadWithTheAddressTheMessageCameFrom() throws Exception {
        start(TestBroker.start(1));
        assertThat(transport.queueNames("DLQ.")).isEmpty();
        sendLetters("q.work", 1);
        try (Connection c = broker.connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue("q.work"))) {
                assertThat(consumer.receive(5000)).isNotNull();
                s.rollback(); // its one delivery attempt: the broker moves it to DLA::DLQ.q.work
            }
        }
        TestBroker.await(() -> transport.queueNames("DLQ.").equals(List.of("DLQ.q.work")));
        assertThat(transport.count(List.of("DLQ.q.work", "q.work"), 100)).containsExactly(
                entry("DLQ.q.work", new Count(1, false)), entry("q.work", new Count(0, false)));
        List<Received> moved = transport.peekExisting("DLQ.q.work", 10);
        assertThat(moved).extracting(Received::body).containsExactly("letter 0");
        assertThat(moved.get(0).header("CdpReason")).isEqualTo("reason 0");
        assertThat(transport.queueNames("DLQ.")).as("reading it created no other queue").containsExactly("DLQ.q.work");
        assertThat(broker.server().locateQueue("DLQ.q.work").getAddress().toString()).isEqualTo("DLA");
        assertThat(broker.server().getPostOffice().getAddressInfo(SimpleString.of("DLQ.q.work")))
                .as("read by its full name: no address of that name").isNull();
        assertThat(transport.retry("DLQ.q.work")).as("moved back").hasValue(1);
        assertThat(broker.receiveAll("q.work")).containsExactly("letter 0");
        assertThat(transport.count(List.of("DLQ.q.work"), 100)).containsExactly(entry("DLQ.q.work", new Count(0, false)));
        assertThat(transport.retry("DLQ.q.other")).as("not there").isEmpty();
        assertThat(transport.peekExisting("DLQ.q.other", 10)).isEmpty();
        assertThat(broker.server().locateQueue("DLQ.q.other")).as("not there: not created").isNull();
        assertThat(broker.server().getPostOffice().getAddressInfo(SimpleString.of("DLQ.q.other"))).isNull();
    }

    @Test
    void aRetriedMessageOfASubscriptionGoesBackToEverySubscriptionOfItsAddress() throws Exception {
        // why the hub does not retry the dead letters of its membership topic: a change one outbound connector failed
        // would reach every other one again (over AMQP the broker does not keep the subscription it came from)
        start(TestBroker.start(1));
        try (Connection c = broker.connectionFactory().createConnection()) {
            c.start();
            Session a = c.createSession(true, Session.SESSION_TRANSACTED);
            Session b = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer outboundA = a.createSharedDurableConsumer(a.createTopic("t.changes"), "sub.a");
            MessageConsumer outboundB = b.createSharedDurableConsumer(b.createTopic("t.changes"), "sub.b");
            Session send = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            send.createProducer(send.createTopic("t.changes")).send(send.createTextMessage("change 1"));
            assertThat(outboundB.receive(5000)).isNotNull();
            b.commit(); // delivered by B
            assertThat(outboundA.receive(5000)).isNotNull();
            a.rollback(); // A fails its one attempt: dead-lettered
            outboundA.close();
            outboundB.close();
        }
        TestBroker.await(() -> transport.queueNames("DLQ.").equals(List.of("DLQ.t.changes")));
        assertThat(transport.retry("DLQ.t.changes")).hasValue(1);
        try (Connection c = broker.connectionFactory().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer b = s.createSharedDurableConsumer(s.createTopic("t.changes"), "sub.b")) {
                assertThat(b.receive(5000)).as("B, which delivered it, gets it again").isNotNull();
            }
            try (MessageConsumer a = s.createSharedDurableConsumer(s.createTopic("t.changes"), "sub.a")) {
                jakarta.jms.Message back = a.receive(5000);
                assertThat(back).as("A gets it back").isNotNull();
                assertThat(back.getBody(String.class)).isEqualTo("change 1");
            }
        }
    }

    @Test
    void aSecuredBrokerCountsForAUserWithTheManagePermissionAndItsQueuesAreReadThroughPooledConnections() throws Exception {
        broker = TestBroker.startSecured(5, true);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory(); // as BrokerConnection sets it up
        pool.setConnectionFactory(broker.connectionFactory());
        transport = new AmqpTransport(pool, broker.connectionFactory());
        sendLetters("q.dlq", 3);
        assertThat(transport.count(List.of("q.dlq", "q.none"), 2)).containsExactly(
                entry("q.dlq", new Count(3, false)), entry("q.none", new Count(0, false)));
        assertThat(broker.server().locateQueue("q.none")).isNull();
        assertThat(transport.peekExisting("q.dlq", 2)).extracting(Received::body).containsExactly("letter 0",
                "letter 1");
        pool.stop();
    }

    @Test
    void withoutTheManagePermissionQueuesAreCountedByReadingThemUpToTheLimit() throws Exception {
        start(TestBroker.startSecured(5, false));
        sendLetters("q.dlq", 5);
        assertThat(transport.count(List.of("q.dlq"), 3)).as("3 and more").containsExactly(
                entry("q.dlq", new Count(3, true)));
        assertThat(transport.count(List.of("q.dlq"), 5)).containsExactly(entry("q.dlq", new Count(5, false)));
        assertThat(transport.queueNames("DLQ.")).as("the broker's queues are not listed").isEmpty();
        assertThat(transport.count(List.of("DLQ.q.dlq"), 5)).as("nor counted by reading, which could create one")
                .containsExactly(entry("DLQ.q.dlq", new Count(-1, false)));
        assertThat(broker.server().getPostOffice().getAddressInfo(SimpleString.of("DLQ.q.dlq"))).isNull();
        assertThatThrownBy(() -> transport.peekExisting("q.dlq", 10)).as("nor read")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("management is not open to the hub");
        assertThatThrownBy(() -> transport.retry("q.dlq")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot move the messages of q.dlq back: the broker refused or failed the hub's"
                        + " management request (its user needs the manage permission on activemq.management)");
        assertThat(broker.receiveAll("q.dlq")).as("still on the queue").hasSize(5);
    }

    private void sendLetters(String queue, int n) throws Exception {
        try (Connection c = broker.connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i++) {
                TextMessage m = s.createTextMessage("letter " + i);
                m.setStringProperty("CdpReason", "reason " + i);
                p.send(m);
            }
        }
    }
}

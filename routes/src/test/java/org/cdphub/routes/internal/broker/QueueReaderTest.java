package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a queue without taking its messages off, over AMQP to a real Artemis. */
class QueueReaderTest {

    private TestBroker broker;
    private AmqpTransport transport;

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(5);
        transport = new AmqpTransport(broker.connectionFactory());
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    @Test
    void peekShowsTheOldestFirstWithTheirHeadersAndLeavesThemOnTheQueue() throws Exception {
        try (Connection c = broker.connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("q.dlq"));
            for (int i = 0; i < 5; i++) {
                TextMessage m = s.createTextMessage("letter " + i);
                m.setStringProperty("CdpReason", "reason " + i);
                p.send(m);
            }
        }
        List<Received> first = transport.peek("q.dlq", 3);
        assertThat(first).extracting(Received::body).containsExactly("letter 0", "letter 1", "letter 2");
        assertThat(first).extracting(r -> r.header("CdpReason")).containsExactly("reason 0", "reason 1", "reason 2");
        assertThat(transport.count("q.dlq", 100)).isEqualTo(5);
        assertThat(transport.count("q.dlq", 2)).as("counted up to the limit").isEqualTo(2);
        assertThat(broker.receiveAll("q.dlq")).as("still on the queue").hasSize(5);
        assertThat(transport.count("q.dlq", 100)).isZero();
        assertThat(transport.peek("q.dlq", 10)).isEmpty();
    }
}

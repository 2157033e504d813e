package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker URL of etc/org.cdphub.broker.cfg: one broker, or a failover list for a broker pair or cluster. */
class BrokerConnectionTest {

    @Test
    void oneBrokerOrAFailoverListOfAmqpBrokersIsTaken() {
        assertThat(BrokerConnection.parse("amqp://127.0.0.1:5672").getScheme()).isEqualTo("amqp");
        assertThat(BrokerConnection.parse(" amqps://mq.example.org:5671 ").getHost()).isEqualTo("mq.example.org");
        assertThat(BrokerConnection.parse("failover:(amqp://mq-a:5672,amqps://mq-b:5671)?failover.maxReconnectAttempts=-1")
                .toString()).isEqualTo("failover:(amqp://mq-a:5672,amqps://mq-b:5671)?failover.maxReconnectAttempts=-1");
    }

    @Test
    void otherUrlsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> BrokerConnection.parse("tcp://127.0.0.1:61616"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url: 'tcp://127.0.0.1:61616'");
        assertThatThrownBy(() -> BrokerConnection.parse("failover:(amqp://mq-a:5672,tcp://mq-b:61616)"))
                .hasMessageContaining("failover member 'tcp://mq-b:61616' is not amqp or amqps");
        assertThatThrownBy(() -> BrokerConnection.parse("failover:amqp://mq-a:5672"))
                .hasMessageContaining("in parentheses");
        assertThatThrownBy(() -> BrokerConnection.parse("")).hasMessageStartingWith("url: ''");
    }

    @Test
    void questionsToTheBrokerMakeOnePassOverAFailoverList() {
        assertThat(BrokerConnection.oneQuestion("amqp://127.0.0.1:5672")).isEqualTo("amqp://127.0.0.1:5672");
        assertThat(BrokerConnection.oneQuestion("failover:(amqp://mq-a:5672,amqp://mq-b:5672)"))
                .isEqualTo("failover:(amqp://mq-a:5672,amqp://mq-b:5672)?failover.startupMaxReconnectAttempts=1");
        assertThat(BrokerConnection.oneQuestion("failover:(amqp://mq-a:5672?amqp.idleTimeout=0)?jms.clientID=x"))
                .isEqualTo("failover:(amqp://mq-a:5672?amqp.idleTimeout=0)?jms.clientID=x"
                        + "&failover.startupMaxReconnectAttempts=1");
        assertThat(BrokerConnection.oneQuestion("failover:(amqp://a:1)?failover.startupMaxReconnectAttempts=3"))
                .as("the admin's own setting stays")
                .isEqualTo("failover:(amqp://a:1)?failover.startupMaxReconnectAttempts=3");
    }

    @Test
    @Timeout(60) // without the one pass the client would wait for the broker for good
    void aFailoverListOfBrokersThatAreAllDownIsAnsweredNoInsteadOfWaitedFor() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        String url = "failover:(amqp://127.0.0.1:" + port + ")?failover.maxReconnectAttempts=-1";
        AmqpTransport transport = new AmqpTransport(new JmsConnectionFactory("u", "p", url),
                new JmsConnectionFactory("u", "p", BrokerConnection.oneQuestion(url)));
        long start = System.nanoTime();
        assertThat(transport.answers()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until it said no").isLessThan(10_000);
    }
}

package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}

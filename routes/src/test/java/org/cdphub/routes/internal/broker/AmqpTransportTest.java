package org.cdphub.routes.internal.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmqpTransportTest {

    private final AmqpTransport transport = new AmqpTransport(null);

    @Test
    void everyEndpointIsOneWaySoNoSendEverWaitsForAReply() {
        assertThat(transport.sendTo("q")).isEqualTo("cdpmq:queue:q?disableReplyTo=true");
        assertThat(transport.publish("t")).isEqualTo("cdpmq:topic:t?disableReplyTo=true");
        assertThat(transport.consumeBatchesFrom("q", 50)).isEqualTo("cdpmqbatch:queue:q?maxMessages=50");
        assertThat(transport.consumeBatchesFrom("q", 50, "storeAvailable"))
                .isEqualTo("cdpmqbatch:queue:q?maxMessages=50&available=#storeAvailable");
        assertThat(transport.subscribeInBatches("t", "s", 20))
                .isEqualTo("cdpmqbatch:topic:t?subscription=s&maxMessages=20");
    }
}

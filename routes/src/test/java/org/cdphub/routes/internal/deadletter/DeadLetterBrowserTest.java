package org.cdphub.routes.internal.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.QueueReader;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

class DeadLetterBrowserTest {

    private static final DeadLetter BAD_EMAIL = new DeadLetter("connector.crm-salesforce.map", "crm-salesforce",
            "contacts.csv:17", "email 'ann@' is not valid", "17,Ann,ann@", Instant.parse("2026-12-02T09:00:00Z"));

    private final Map<String, List<Received>> queues = new HashMap<>();
    private final List<String> peeked = new ArrayList<>();
    private final QueueReader reader = new QueueReader() {
        @Override
        public List<Received> peek(String queue, int max) {
            peeked.add(queue + ":" + max);
            List<Received> all = queues.getOrDefault(queue, List.of());
            return all.subList(0, Math.min(max, all.size()));
        }

        @Override
        public int count(String queue, int max) {
            return Math.min(max, queues.getOrDefault(queue, List.of()).size());
        }
    };
    private final ConnectorRegistry registry = () -> List.of(status("webhook-demo", Direction.OUTBOUND),
            status("crm-salesforce", Direction.INBOUND));
    private final DeadLetterBrowser browser = new DeadLetterBrowser(reader, registry);

    @Test
    void listsTheCoreQueueThenOnePerConnectorByIdWithCountsUpToTheLimit() {
        queues.put("cdp.core.dlq", List.of(letter(BAD_EMAIL)));
        queues.put("cdp.connector.crm-salesforce.dlq", copies(DeadLetters.COUNT_LIMIT + 5));
        assertThat(browser.queues()).containsExactly(new DeadLetterQueue("cdp.core.dlq", "core", 1, false),
                new DeadLetterQueue("cdp.connector.crm-salesforce.dlq", "crm-salesforce", DeadLetters.COUNT_LIMIT,
                        true),
                new DeadLetterQueue("cdp.connector.webhook-demo.dlq", "webhook-demo", 0, false));
    }

    @Test
    void readsAQueueByConnectorIdQueueNameOrCore() {
        queues.put("cdp.connector.crm-salesforce.dlq", List.of(letter(BAD_EMAIL)));
        assertThat(browser.read("crm-salesforce", 20)).containsExactly(BAD_EMAIL);
        assertThat(browser.read("cdp.connector.crm-salesforce.dlq", 20)).containsExactly(BAD_EMAIL);
        assertThat(browser.read("core", 5)).isEmpty();
        assertThat(peeked).containsExactly("cdp.connector.crm-salesforce.dlq:20",
                "cdp.connector.crm-salesforce.dlq:20", "cdp.core.dlq:5");
    }

    @Test
    void anUnknownQueueIsRefusedWithoutReadingTheBroker() {
        assertThatThrownBy(() -> browser.read("DLQ.cdp.fragments", 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no dead-letter queue 'DLQ.cdp.fragments'");
        assertThatThrownBy(() -> browser.read("core", 0)).hasMessage("limit must be at least 1, got 0");
        assertThat(peeked).isEmpty();
    }

    @Test
    void anEntryThatIsNotADeadLetterIsShownAsItIs() {
        queues.put("cdp.core.dlq", List.of(new Received("{not json", Map.of("CdpReason", "put there by hand")),
                new Received("plain", Map.of())));
        assertThat(browser.read("core", 20)).containsExactly(
                new DeadLetter(null, null, null, "put there by hand", "{not json", null),
                new DeadLetter(null, null, null, "not a dead letter of the hub", "plain", null));
    }

    private static Received letter(DeadLetter letter) {
        return new Received(CdpJson.write(letter), Map.of("CdpReason", letter.reason()));
    }

    private static List<Received> copies(int n) {
        List<Received> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(letter(BAD_EMAIL));
        }
        return all;
    }

    private static ConnectorStatus status(String id, Direction direction) {
        return new ConnectorStatus(new ConnectorInfo(id, "test", direction, Map.of()), ConnectorState.RUNNING, 0, 0,
                0, 0, 0, 0, null, null, null);
    }

    @Test
    void aBrokerThatCannotBeReadIsOneErrorAndAConnectorQueueThatCannotIsAQuestionMark() {
        QueueReader down = new QueueReader() {
            @Override
            public List<Received> peek(String queue, int max) {
                throw new IllegalStateException("cannot read queue " + queue + ": connection refused");
            }

            @Override
            public int count(String queue, int max) {
                if (queue.equals("cdp.core.dlq") || queue.contains("webhook")) {
                    throw new IllegalStateException("cannot read queue " + queue + ": connection refused");
                }
                return 0;
            }
        };
        assertThatThrownBy(() -> new DeadLetterBrowser(down, () -> List.of()).queues())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read the dead-letter queues: cannot read queue cdp.core.dlq: connection refused");
        DeadLetterBrowser partly = new DeadLetterBrowser(new QueueReader() {
            @Override
            public List<Received> peek(String queue, int max) {
                return List.of();
            }

            @Override
            public int count(String queue, int max) {
                return down.count(queue.equals("cdp.core.dlq") ? "fine" : queue, max);
            }
        }, registry);
        assertThat(partly.queues()).extracting(DeadLetterQueue::count).containsExactly(0, 0, -1);
    }
}

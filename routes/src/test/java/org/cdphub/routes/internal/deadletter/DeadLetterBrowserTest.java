package org.cdphub.routes.internal.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.QueueReader;
import org.cdphub.routes.internal.broker.QueueRetry;
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
        public List<Received> peekExisting(String queue, int max) {
            peeked.add("existing " + queue + ":" + max);
            List<Received> all = queues.getOrDefault(queue, List.of());
            return all.subList(0, Math.min(max, all.size()));
        }

        @Override
        public Map<String, Count> count(List<String> names, int max) {
            Map<String, Count> counts = new LinkedHashMap<>();
            names.forEach(q -> {
                int n = queues.getOrDefault(q, List.of()).size();
                counts.put(q, new Count(Math.min(max, n), n > max));
            });
            return counts;
        }

        @Override
        public List<String> queueNames(String prefix) {
            return queues.keySet().stream().filter(q -> q.startsWith(prefix)).sorted().toList();
        }
    };
    private final ConnectorRegistry registry = () -> List.of(status("webhook-demo", Direction.OUTBOUND),
            status("crm-salesforce", Direction.INBOUND));
    private final List<String> retried = new ArrayList<>();
    private final QueueRetry mover = queue -> {
        retried.add(queue);
        return queues.containsKey(queue) ? OptionalLong.of(queues.get(queue).size()) : OptionalLong.empty();
    };
    private final DeadLetterBrowser browser = new DeadLetterBrowser(reader, mover, registry);

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
    void theBrokersOwnDeadLetterQueuesComeLastWithTheAddressTheirMessagesCameFrom() {
        queues.put("DLQ.cdp.membership.changes", List.of(new Received("{\"changes\":[]}", Map.of())));
        queues.put("DLQ.cdp.fragments", List.of());
        assertThat(browser.queues()).extracting(DeadLetterQueue::name, DeadLetterQueue::owner, DeadLetterQueue::count)
                .containsExactly(tuple("cdp.core.dlq", "core", 0),
                        tuple("cdp.connector.crm-salesforce.dlq", "crm-salesforce", 0),
                        tuple("cdp.connector.webhook-demo.dlq", "webhook-demo", 0),
                        tuple("DLQ.cdp.fragments", "broker", 0), tuple("DLQ.cdp.membership.changes", "broker", 1));
        assertThat(browser.read("DLQ.cdp.membership.changes", 5)).containsExactly(new DeadLetter(null, null, null,
                "moved here by the broker after its delivery attempts on cdp.membership.changes", "{\"changes\":[]}",
                null));
        assertThatThrownBy(() -> browser.read("DLQ.cdp.profiles.changed", 5)).as("not there: not read, not created")
                .hasMessageStartingWith("no dead-letter queue 'DLQ.cdp.profiles.changed'");
        assertThat(peeked).as("without creating it").containsExactly("existing DLQ.cdp.membership.changes:5");
    }

    @Test
    void onlyTheBrokersDeadLetterQueuesAreRetriedAndOnlyWhenTheyExist() {
        queues.put("DLQ.cdp.fragments", copies(3));
        assertThat(browser.retry("DLQ.cdp.fragments")).isEqualTo(3);
        assertThatThrownBy(() -> browser.retry("DLQ.cdp.profiles.changed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no dead-letter queue 'DLQ.cdp.profiles.changed' on the broker");
        assertThatThrownBy(() -> browser.retry("cdp.connector.crm-salesforce.dlq"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fix them at their source");
        assertThatThrownBy(() -> browser.retry("core")).isInstanceOf(IllegalArgumentException.class);
        queues.put("DLQ.cdp.membership.changes", copies(1));
        assertThatThrownBy(() -> browser.retry("DLQ.cdp.membership.changes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every connector again");
        assertThat(retried).containsExactly("DLQ.cdp.fragments", "DLQ.cdp.profiles.changed");
    }

    @Test
    void anUnknownQueueIsRefusedWithoutReadingAnyQueue() {
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
    void aBrokerThatCannotBeReadIsOneErrorAndAQueueThatCannotIsAQuestionMark() {
        QueueReader down = new QueueReader() {
            @Override
            public List<Received> peek(String queue, int max) {
                throw new IllegalStateException("cannot read queue " + queue + ": connection refused");
            }

            @Override
            public List<Received> peekExisting(String queue, int max) {
                throw new IllegalStateException("cannot read queue " + queue + ": connection refused");
            }

            @Override
            public Map<String, Count> count(List<String> names, int max) {
                throw new IllegalStateException("cannot read queue " + names.get(0) + ": connection refused");
            }

            @Override
            public List<String> queueNames(String prefix) {
                throw new IllegalStateException("connection refused");
            }
        };
        assertThatThrownBy(() -> new DeadLetterBrowser(down, mover, () -> List.of()).queues())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read the dead-letter queues: cannot read queue cdp.core.dlq: connection refused");
        DeadLetterBrowser partly = new DeadLetterBrowser(new QueueReader() {
            @Override
            public List<Received> peek(String queue, int max) {
                return List.of();
            }

            @Override
            public List<Received> peekExisting(String queue, int max) {
                return List.of();
            }

            @Override
            public Map<String, Count> count(List<String> names, int max) {
                Map<String, Count> counts = new LinkedHashMap<>();
                names.forEach(q -> counts.put(q, new Count(q.contains("webhook") ? -1 : 0, false)));
                return counts;
            }

            @Override
            public List<String> queueNames(String prefix) {
                return List.of();
            }
        }, mover, registry);
        assertThat(partly.queues()).extracting(DeadLetterQueue::count).containsExactly(0, 0, -1);
    }
}

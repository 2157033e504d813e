package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.broker.AmqpTransport;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failure pending changes are for, through a real broker and the stage consumer: a batch whose first engine call
 * committed in the store and whose second failed is rolled back and merged again, where the first call's records are
 * unchanged and announce nothing; their profiles are announced by the sweep.
 */
class LostAnnouncementTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private TestBroker broker;
    private ConnectionFactory connectionFactory;

    /** A store that keeps what it merged and the changes still pending, as the engine's tables do. */
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final FakePendingChanges store = new FakePendingChanges();
    private final AtomicBoolean failedOnce = new AtomicBoolean();
    private final List<String> merges = new CopyOnWriteArrayList<>();

    private final IdentityResolution engine = new IdentityResolution() {
        @Override
        public MergeResult merge(List<Fragment> fragments) {
            fragments.forEach(f -> merges.add(f.sourceRecordId()));
            List<String> changed = fragments.stream().filter(f -> stored.add(f.sourceRecordId()))
                    .map(f -> "p-" + f.sourceRecordId()).toList(); // a stored record is "unchanged"
            return store.record(new MergeResult(changed, List.of(), fragments.size() - changed.size(), List.of()),
                    CLOCK.instant());
        }

        @Override
        public MergeResult remove(String source, List<String> sourceRecordIds) {
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("the store went away during the second engine call");
            }
            return store.record(new MergeResult(sourceRecordIds.stream().map(id -> "p-" + id).toList(), List.of(), 0,
                    List.of()), CLOCK.instant());
        }
    };

    @BeforeEach
    void startBroker() throws Exception {
        broker = TestBroker.start(5);
        connectionFactory = broker.connectionFactory();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    @Test
    void theProfilesOfAnEngineCallThatCommittedInABatchThatRolledBackAreAnnouncedByTheSweep() throws Exception {
        // one batch of three messages: a merge of record 1, a removal of record 7 that fails once, a merge of record 3
        send(List.of(fragments("1"), removal("7"), fragments("3")));
        startPipeline(Duration.ofSeconds(2));

        List<String> announcements = new ArrayList<>();
        TestBroker.await(() -> {
            announcements.addAll(broker.receiveAll("changed"));
            // the whole end state: the sweep's p-1 could come before the retry has recorded 7 and 3
            return merges.size() >= 3 && announcements.stream().anyMatch(a -> a.contains("p-1"))
                    && announcements.stream().anyMatch(a -> a.contains("p-7"))
                    && announcements.stream().anyMatch(a -> a.contains("p-3")) && store.pending.isEmpty();
        });
        assertThat(failedOnce).as("the batch failed once").isTrue();
        assertThat(merges).as("record 1 merged in the batch that rolled back, and again, unchanged, in the retry")
                .containsExactly("1", "1", "3");
        assertThat(announcements).as("the retry announces 7 and 3; p-1 only the sweep, as the retry found it stored")
                .anySatisfy(a -> assertThat(CdpJson.read(a, ProfilesChanged.class).profileIds())
                        .containsExactly("p-1"))
                .noneSatisfy(a -> assertThat(a).contains("p-1").contains("p-3"));
        assertThat(String.join("\n", announcements)).contains("p-7", "p-3");
    }

    private void startPipeline(Duration after) throws Exception {
        AmqpTransport amqp = new AmqpTransport(connectionFactory);
        BatchedForgetting forgetting = new BatchedForgetting(store);
        // the three messages in one batch, however far apart the broker delivers them (up to 1 s each)
        broker.startContext(Map.of(), new MergeRoute(amqp.consumeBatchesFrom("fragments", 10) + "&moreWait=1000",
                amqp.sendTo("changed"), amqp.sendTo("dead"), engine, forgetting, CLOCK),
                new PendingChangesRoute(after, amqp.sendTo("changed"), forgetting, CLOCK));
    }

    private static String[] fragments(String id) {
        Fragment f = new Fragment("crm", id, Instant.parse("2026-12-01T00:00:00Z"),
                List.of(new Identifier("email", id + "@example.com")), null, null, null, null);
        return new String[] {CdpJson.write(List.of(f)), null};
    }

    private static String[] removal(String id) {
        return new String[] {CdpJson.write(List.of(id)), Headers.KIND_REMOVALS};
    }

    /** Sends the messages in one transaction, so that the stage takes them as one batch. */
    private void send(List<String[]> messages) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("fragments"));
            for (String[] m : messages) {
                Message message = s.createTextMessage(m[0]);
                message.setStringProperty(Headers.SOURCE, "crm");
                if (m[1] != null) {
                    message.setStringProperty(Headers.KIND, m[1]);
                }
                p.send(message);
            }
            s.commit();
        }
    }
}

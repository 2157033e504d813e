package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A node that starts while the others already hold every message group of {@code cdp.fragments} still gets its share:
 * with the distribution's {@code etc/artemis.xml}, the broker deals the groups out again when a consumer joins. Plain
 * AMQP clients stand in for the merge stages (transacted sessions, as {@code BatchConsumer}); without the setting the
 * late consumer receives nothing.
 */
class LateNodeGroupsIT {

    private static final String FRAGMENTS = "cdp.fragments";
    private static final int GROUPS = 8;
    private static final int PER_GROUP = 20;

    @Test
    void aConsumerThatJoinsLaterGetsGroupsTheFirstOneHeld() throws Exception {
        Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
        Path work = Path.of(System.getProperty("cdphub.work", "target/it")).resolve("late-node-groups");
        int port = NodeConfig.freePort();
        try (ExternalBroker broker = ExternalBroker.start(distribution.resolve("etc/artemis.xml"), work, port,
                Karaf.USER, Karaf.PASSWORD)) {
            JmsConnectionFactory factory = new JmsConnectionFactory(Karaf.USER, Karaf.PASSWORD,
                    "amqp://127.0.0.1:" + port);
            try (Connection first = factory.createConnection(); Connection late = factory.createConnection();
                    Connection sender = factory.createConnection()) {
                first.start();
                late.start();
                Session firstSession = first.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer firstConsumer = firstSession.createConsumer(firstSession.createQueue(FRAGMENTS));
                Session sendSession = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = sendSession.createProducer(sendSession.createQueue(FRAGMENTS));

                send(sendSession, producer, 0); // every group's first message: all groups go to the first consumer
                List<String> firsts = new ArrayList<>(); // the broker may pause between them: until all, 30 s at most
                long end = System.nanoTime() + 30_000_000_000L;
                while (firsts.size() < GROUPS && System.nanoTime() < end) {
                    firsts.addAll(receive(firstConsumer, firstSession, GROUPS - firsts.size()));
                }
                assertThat(firsts).hasSize(GROUPS);

                Session lateSession = late.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer lateConsumer = lateSession.createConsumer(lateSession.createQueue(FRAGMENTS));
                for (int seq = 1; seq <= PER_GROUP; seq++) {
                    send(sendSession, producer, seq);
                }
                List<String> toFirst = new ArrayList<>();
                List<String> toLate = new ArrayList<>();
                while (toFirst.size() + toLate.size() < GROUPS * PER_GROUP) {
                    int before = toFirst.size() + toLate.size();
                    toFirst.addAll(receive(firstConsumer, firstSession, GROUPS * PER_GROUP));
                    toLate.addAll(receive(lateConsumer, lateSession, GROUPS * PER_GROUP));
                    assertThat(toFirst.size() + toLate.size()).as("messages keep coming: first %s, late %s",
                            toFirst, toLate).isGreaterThan(before);
                }
                assertThat(toLate).as("the late consumer got groups the first one held").isNotEmpty();
                assertThat(toFirst).as("the first consumer kept some").isNotEmpty();
                assertInOrderPerGroup(toFirst);
                assertInOrderPerGroup(toLate);
                assertThat(groups(toFirst)).as("a group is with one consumer after the rebalance")
                        .doesNotContainAnyElementsOf(groups(toLate));
            }
        }
    }

    private static void send(Session session, MessageProducer producer, int seq) throws Exception {
        for (int g = 0; g < GROUPS; g++) {
            TextMessage m = session.createTextMessage("records-web-" + g + "/" + seq);
            m.setStringProperty("JMSXGroupID", "records-web-" + g);
            producer.send(m);
        }
    }

    /** What has arrived for {@code consumer} (up to {@code max}), committed; waits up to 5 s for the first. */
    private static List<String> receive(MessageConsumer consumer, Session session, int max) throws Exception {
        List<String> bodies = new ArrayList<>();
        Message m = consumer.receive(5_000);
        while (m != null) {
            bodies.add(((TextMessage) m).getText());
            m = bodies.size() < max ? consumer.receive(200) : null;
        }
        session.commit();
        return bodies;
    }

    private static void assertInOrderPerGroup(List<String> bodies) {
        Map<String, Integer> last = new HashMap<>();
        for (String body : bodies) {
            String[] parts = body.split("/");
            int seq = Integer.parseInt(parts[1]);
            Integer before = last.put(parts[0], seq);
            assertThat(before == null || before < seq).as("%s after %s", body, before).isTrue();
        }
    }

    private static List<String> groups(List<String> bodies) {
        return bodies.stream().map(b -> b.split("/")[0]).distinct().toList();
    }
}

package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.spi.Policy;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.Received;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} over AMQP 1.0 to ActiveMQ Artemis, through one pooled connection factory shared by every Camel
 * context of the hub; with {@link QueueReader} and {@link QueueRetry} for the console, which ask the broker's
 * management ({@link BrokerManagement}) over a direct connection and fall back to reading queues where it is refused.
 */
public final class AmqpTransport implements Transport, QueueReader, QueueRetry {

    static final String COMPONENT = "cdpmq";
    static final String BATCH_COMPONENT = "cdpmqbatch";
    /**
     * Stages hand messages on and never wait for an answer: without this, an exchange that arrives InOut (an HTTP
     * request, say) would turn every send into a request-reply over temporary queues that times out.
     */
    private static final String ONE_WAY = "disableReplyTo=true";

    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransport.class);
    /** Artemis' fully qualified queue name: {@code <address>::<queue>}. */
    private static final String FQQN = "::";
    /** How long a refused management is not asked again. */
    private static final long ASK_AGAIN_AFTER_MS = 60_000;

    private final ConnectionFactory connectionFactory;
    private final ConnectionFactory direct;
    private final BrokerManagement management;
    private final AtomicBoolean toldUnavailable = new AtomicBoolean();
    /** {@link System#nanoTime()} of the management's last failure; 0: none. */
    private final AtomicLong refusedAt = new AtomicLong();

    /** With one connection factory for everything, which then must not be pooled-jms' (see the other). */
    public AmqpTransport(ConnectionFactory connectionFactory) {
        this(connectionFactory, connectionFactory);
    }

    /**
     * @param connectionFactory for the stages and reading queues (pooled)
     * @param direct            for the broker's management, one connection a question: not a pooled-jms factory
     *                          with anonymous producers, since Artemis does not take management messages through the
     *                          anonymous relay (it closed the connection, or failed on the management address's missing
     *                          paging store)
     */
    public AmqpTransport(ConnectionFactory connectionFactory, ConnectionFactory direct) {
        this.connectionFactory = connectionFactory;
        this.direct = direct;
        this.management = new BrokerManagement(direct);
    }

    @Override
    public boolean answers() {
        try (Connection connection = direct.createConnection()) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            return true;
        } catch (JMSException | RuntimeException e) {
            LOG.debug("the broker does not take a connection: {}", e.toString());
            return false;
        }
    }

    @Override
    public void install(CamelContext context) {
        AMQPComponent component = new AMQPComponent(connectionFactory);
        // a message is acknowledged only when the route that consumed it has finished (transacted routes commit)
        component.getConfiguration().setDeliveryPersistent(true);
        context.addComponent(COMPONENT, component);
        context.addComponent(BATCH_COMPONENT, new BatchComponent(connectionFactory));
    }

    @Override
    public String sendTo(String address) {
        return COMPONENT + ":queue:" + address + "?" + ONE_WAY;
    }

    @Override
    public String consumeBatchesFrom(String address, int maxMessages) {
        return BATCH_COMPONENT + ":queue:" + address + "?maxMessages=" + maxMessages;
    }

    @Override
    public String consumeBatchesFrom(String address, int maxMessages, String available) {
        return consumeBatchesFrom(address, maxMessages) + "&" + BatchComponent.AVAILABLE + "=#" + available;
    }

    @Override
    public String subscribeInBatches(String address, String subscription, int maxMessages) {
        return BATCH_COMPONENT + ":topic:" + address + "?subscription=" + subscription + "&maxMessages=" + maxMessages;
    }

    @Override
    public Policy sendsInOneTransaction() {
        return new TransactedSends(connectionFactory);
    }

    @Override
    public String publish(String address) {
        return COMPONENT + ":topic:" + address + "?" + ONE_WAY;
    }

    @Override
    public List<Received> peek(String queue, int max) {
        List<Received> messages = new ArrayList<>();
        browse(queue, max, m -> messages.add(Messages.received(m)));
        return messages;
    }

    @Override
    public List<Received> peekExisting(String queue, int max) {
        if (managementRefused()) {
            throw new IllegalStateException("cannot read queue " + queue + ": the broker's management is not open to"
                    + " the hub (see the log)");
        }
        Optional<BrokerManagement.QueueInfo> info;
        try {
            info = management.queue(queue);
        } catch (BrokerManagement.Unavailable e) {
            unavailable(e);
            throw new IllegalStateException("cannot read queue " + queue + ": " + e.getMessage(), e);
        }
        if (info.isEmpty() || info.get().messageCount() == 0) {
            return List.of(); // nothing to read: not browsed, so not created again should it vanish meanwhile
        }
        return peek(info.get().address() + FQQN + queue, max);
    }

    @Override
    public Map<String, Count> count(List<String> queues, int max) {
        Map<String, Count> counts = new LinkedHashMap<>();
        if (!managementRefused()) {
            try {
                Map<String, Long> counted = management.messageCounts(queues);
                queues.forEach(q -> counts.put(q, new Count(counted.getOrDefault(q, 0L), false)));
                return counts;
            } catch (BrokerManagement.Unavailable e) {
                unavailable(e);
            }
        }
        for (String queue : queues) {
            if (queue.startsWith(Addresses.BROKER_DEAD_LETTER_PREFIX)) { // read by its short name it could be created
                counts.put(queue, new Count(-1, false));
                continue;
            }
            try {
                int[] n = {0};
                browse(queue, max + 1, m -> n[0]++); // one more: are there more?
                counts.put(queue, new Count(Math.min(n[0], max), n[0] > max));
            } catch (IllegalStateException e) {
                if (counts.isEmpty()) {
                    throw e; // the first queue tells whether the broker answers at all
                }
                LOG.warn("cannot count queue {}: {}", queue, e.getMessage());
                counts.put(queue, new Count(-1, false));
            }
        }
        return counts;
    }

    @Override
    public List<String> queueNames(String prefix) {
        if (managementRefused()) {
            return List.of();
        }
        try {
            return management.queueNames(prefix);
        } catch (BrokerManagement.Unavailable e) {
            unavailable(e);
            return List.of();
        }
    }

    @Override
    public OptionalLong retry(String queue) {
        try { // asked even when the management failed lately: an operator's explicit request
            return management.retryMessages(queue);
        } catch (BrokerManagement.Unavailable e) {
            throw new IllegalStateException("cannot move the messages of " + queue + " back: " + e.getMessage(), e);
        }
    }

    /** Whether the management failed within the last {@link #ASK_AGAIN_AFTER_MS}: not asked again meanwhile. */
    private boolean managementRefused() {
        long at = refusedAt.get();
        return at != 0 && System.nanoTime() - at < ASK_AGAIN_AFTER_MS * 1_000_000;
    }

    /**
     * Remembers the refusal for a while (a broker that does not answer costs a timeout a request); said once at INFO,
     * then at DEBUG: an external broker may well keep its management from the hub.
     */
    private void unavailable(BrokerManagement.Unavailable e) {
        if (e.lasting()) {
            long now = System.nanoTime();
            refusedAt.set(now == 0 ? 1 : now);
        }
        if (toldUnavailable.compareAndSet(false, true)) {
            LOG.info("{}; queues are counted by reading them, and the broker's own dead-letter queues (DLQ.*) are not "
                    + "listed", e.getMessage());
        } else {
            LOG.debug("{}", e.getMessage());
        }
    }

    private interface Visit {
        void accept(Message message) throws JMSException;
    }

    private void browse(String queue, int max, Visit visit) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            connection.start();
            Enumeration<?> messages = browser.getEnumeration();
            for (int seen = 0; seen < max && messages.hasMoreElements(); seen++) {
                visit.accept((Message) messages.nextElement());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read queue " + queue + ": " + e, e);
        }
    }
}

package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.spi.Policy;
import org.cdphub.routes.internal.Received;

/**
 * {@link Transport} over AMQP 1.0 to ActiveMQ Artemis, through one pooled connection factory shared by every Camel
 * context of the hub.
 */
public final class AmqpTransport implements Transport, QueueReader {

    static final String COMPONENT = "cdpmq";
    static final String BATCH_COMPONENT = "cdpmqbatch";
    /**
     * Stages hand messages on and never wait for an answer: without this, an exchange that arrives InOut (an HTTP
     * request, say) would turn every send into a request-reply over temporary queues that times out.
     */
    private static final String ONE_WAY = "disableReplyTo=true";

    private final ConnectionFactory connectionFactory;

    public AmqpTransport(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
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
    public int count(String queue, int max) {
        int[] count = {0};
        browse(queue, max, m -> count[0]++);
        return count[0];
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

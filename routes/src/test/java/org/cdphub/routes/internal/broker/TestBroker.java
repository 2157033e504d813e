package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * A real Artemis on a free loopback port, over AMQP as the hub's stages use it, set up as etc/artemis.xml sets the
 * hub's grouped queues (no redelivery delay; dead letters to {@code DLA::DLQ.<address>}) and no group rebalancing (as
 * for the membership subscriptions; {@code cdp.fragments} rebalances its groups when a consumer joins, which these
 * tests do not cover); with what tests need to read its queues.
 */
public final class TestBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final ConnectionFactory connectionFactory;
    private final List<CamelContext> contexts = new ArrayList<>();

    private TestBroker(EmbeddedActiveMQ broker, ConnectionFactory connectionFactory) {
        this.broker = broker;
        this.connectionFactory = connectionFactory;
    }

    /** Starts a broker that dead-letters a message after {@code maxDeliveryAttempts}. */
    public static TestBroker start(int maxDeliveryAttempts) throws Exception {
        return start(maxDeliveryAttempts, null);
    }

    /**
     * As {@link #start(int)}, with security on: one user {@code hub} (password {@code hub}) allowed everything on
     * every address, the broker's management included only when {@code manage}.
     */
    public static TestBroker startSecured(int maxDeliveryAttempts, boolean manage) throws Exception {
        return start(maxDeliveryAttempts, manage);
    }

    private static TestBroker start(int maxDeliveryAttempts, Boolean manage) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Configuration config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(manage != null)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLA"))
                .setAutoCreateDeadLetterResources(true).setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(0).setAutoCreateQueues(true).setAutoCreateAddresses(true));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        String url = "amqp://127.0.0.1:" + port;
        if (manage == null) {
            broker.start();
            return new TestBroker(broker, new JmsConnectionFactory(url));
        }
        config.putSecurityRoles("#", Set.of(new Role("hub", true, true, true, true, true, true, manage, true, true,
                true, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser("hub", "hub");
        users.addRole("hub", "hub");
        broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        return new TestBroker(broker, new JmsConnectionFactory("hub", "hub", url));
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    /**
     * Takes every message queued on {@code queue}: as many as the broker holds there and no other consumer has in hand
     * (each waited for up to 10 s, as the broker delivers to a new consumer at its own pace), then any more that come
     * within 300 ms of each other.
     */
    public List<String> receiveAll(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        long queued = queued(queue);
        try (Connection c = connectionFactory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
                for (Message m = next(consumer, bodies.size() < queued); m != null;
                        m = next(consumer, bodies.size() < queued)) {
                    bodies.add(m.getBody(String.class));
                }
            }
        }
        return bodies;
    }

    private static Message next(MessageConsumer consumer, boolean expected) throws Exception {
        return consumer.receive(expected ? 10_000 : 300);
    }

    /** The messages on {@code queue} (a name, or {@code address::queue}) that no consumer has in hand; 0 if none. */
    private long queued(String queue) {
        int separator = queue.indexOf("::");
        var q = server().locateQueue(SimpleString.of(separator < 0 ? queue : queue.substring(separator + 2)));
        return q == null ? 0 : Math.max(0, q.getMessageCount() - q.getDeliveringCount());
    }

    /** Sends {@code n} text messages to {@code queue}, the i-th with body {@code body(i)}. */
    public void send(String queue, int n, IntFunction<String> body) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i++) {
                p.send(s.createTextMessage(body.apply(i)));
            }
        }
    }

    /** The next message of {@code queue}, waiting up to 5 s; null when none came. */
    public String receiveOne(String queue) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
                Message m = consumer.receive(5000);
                return m == null ? null : m.getBody(String.class);
            }
        }
    }

    /** Waits until {@code condition} holds, at most 60 s (CI machines are slow; only a failure waits that long). */
    public static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * A started Camel context with the hub's AMQP transport to this broker installed, {@code beans} bound in its
     * registry (the conditions that batch URIs name with {@code available=}) and {@code routes} added; stopped by
     * {@link #close} (or at once, when it does not start).
     */
    public CamelContext startContext(Map<String, Object> beans, RoutesBuilder... routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        new AmqpTransport(connectionFactory).install(context);
        beans.forEach(context.getRegistry()::bind);
        try {
            for (RoutesBuilder r : routes) {
                context.addRoutes(r);
            }
            context.start();
        } catch (Exception e) {
            context.stop();
            throw e;
        }
        contexts.add(context);
        return context;
    }

    /** Stops the contexts {@link #startContext} started, then the broker. */
    @Override
    public void close() throws Exception {
        contexts.forEach(CamelContext::stop);
        broker.stop();
    }
}

package org.cdphub.routes.internal.broker;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.camel.spi.Policy;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.cdphub.routes.internal.Received;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Owns the pooled AMQP connections to the broker and offers them as the hub's {@link Transport}. */
@Component(configurationPid = "org.cdphub.broker", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {Transport.class, QueueReader.class, QueueRetry.class})
@Designate(ocd = BrokerConfig.class)
public final class BrokerConnection implements Transport, QueueReader, QueueRetry {

    private final JmsPoolConnectionFactory pool;
    private final AmqpTransport transport;

    private static final Set<String> AMQP_SCHEMES = Set.of("amqp", "amqps");

    @Activate
    public BrokerConnection(BrokerConfig config) {
        URI url = parse(config.url());
        if (config.max_connections() < 1) {
            throw new IllegalArgumentException("max.connections: must be at least 1, got " + config.max_connections());
        }
        JmsConnectionFactory amqp = new JmsConnectionFactory(config.username(), config.password(), url.toString());
        pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(amqp);
        pool.setMaxConnections(config.max_connections());
        transport = new AmqpTransport(pool, new JmsConnectionFactory(config.username(), config.password(),
                oneQuestion(url.toString())));
    }

    /**
     * The URL of the connections that ask the broker one thing (management, the health check): with a {@code failover:}
     * URL, one pass over its brokers when it has not connected yet ({@code failover.startupMaxReconnectAttempts=1},
     * unless the URL sets it), so that a question to brokers that are all down fails instead of waiting for them for
     * good, as the stages' connections do.
     */
    static String oneQuestion(String url) {
        if (!url.startsWith("failover:") || url.contains("failover.startupMaxReconnectAttempts=")) {
            return url;
        }
        int close = url.indexOf(')');
        boolean query = close >= 0 && url.indexOf('?', close) >= 0;
        return url + (query ? "&" : "?") + "failover.startupMaxReconnectAttempts=1";
    }

    /**
     * The broker URL: {@code amqp://} or {@code amqps://}, or qpid-jms' {@code failover:(amqp://a:5672,amqp://b:5672)}
     * for a live/backup pair or a cluster of Artemis brokers (docs/scaling.md), every member amqp or amqps.
     */
    static URI parse(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.strip());
            if ("failover".equals(uri.getScheme())) {
                checkFailover(uri.getSchemeSpecificPart());
            } else if (!AMQP_SCHEMES.contains(String.valueOf(uri.getScheme()))) {
                throw new IllegalArgumentException("scheme must be amqp, amqps or failover");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: '" + url + "' is not an AMQP URL: " + e.getMessage(), e);
        }
    }

    private static void checkFailover(String part) {
        int close = part.indexOf(')');
        if (!part.startsWith("(") || close < 2) {
            throw new IllegalArgumentException("failover needs a list of brokers in parentheses: "
                    + "failover:(amqp://host1:5672,amqp://host2:5672)");
        }
        for (String member : part.substring(1, close).split(",")) {
            if (!AMQP_SCHEMES.contains(String.valueOf(URI.create(member.strip()).getScheme()))) {
                throw new IllegalArgumentException("failover member '" + member.strip() + "' is not amqp or amqps");
            }
        }
    }

    @Deactivate
    void stop() {
        pool.stop();
    }

    @Override
    public boolean answers() {
        return transport.answers();
    }

    @Override
    public void install(org.apache.camel.CamelContext context) {
        transport.install(context);
    }

    @Override
    public String sendTo(String address) {
        return transport.sendTo(address);
    }

    @Override
    public String consumeBatchesFrom(String address, int maxMessages) {
        return transport.consumeBatchesFrom(address, maxMessages);
    }

    @Override
    public String consumeBatchesFrom(String address, int maxMessages, String available) {
        return transport.consumeBatchesFrom(address, maxMessages, available);
    }

    @Override
    public String subscribeInBatches(String address, String subscription, int maxMessages) {
        return transport.subscribeInBatches(address, subscription, maxMessages);
    }

    @Override
    public Policy sendsInOneTransaction() {
        return transport.sendsInOneTransaction();
    }

    @Override
    public String publish(String address) {
        return transport.publish(address);
    }

    @Override
    public List<Received> peek(String queue, int max) {
        return transport.peek(queue, max);
    }

    @Override
    public List<Received> peekExisting(String queue, int max) {
        return transport.peekExisting(queue, max);
    }

    @Override
    public Map<String, Count> count(List<String> queues, int max) {
        return transport.count(queues, max);
    }

    @Override
    public List<String> queueNames(String prefix) {
        return transport.queueNames(prefix);
    }

    @Override
    public OptionalLong retry(String queue) {
        return transport.retry(queue);
    }
}

package org.cdphub.routes.internal.broker;

import java.net.URI;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Owns the pooled AMQP connections to the broker and offers them as the hub's {@link Transport}. */
@Component(configurationPid = "org.cdphub.broker", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = Transport.class)
@Designate(ocd = BrokerConfig.class)
public final class BrokerConnection implements Transport {

    private final JmsPoolConnectionFactory pool;
    private final AmqpTransport transport;

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
        transport = new AmqpTransport(pool);
    }

    private static URI parse(String url) {
        try {
            URI uri = URI.create(url);
            if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme must be amqp or amqps");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: '" + url + "' is not an AMQP URL: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void stop() {
        pool.stop();
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
    public String consumeFrom(String address) {
        return transport.consumeFrom(address);
    }

    @Override
    public String publish(String address) {
        return transport.publish(address);
    }

    @Override
    public String subscribe(String address, String subscription) {
        return transport.subscribe(address, subscription);
    }
}

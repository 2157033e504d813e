package org.cdphub.assembly;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The broker several hub nodes share, run in the test JVM: configured from the distribution's own {@code etc/artemis.xml}
 * (the address settings and security settings the hub expects: dead-letter address, delivery attempts, no
 * redelivery delay, auto-created queues, role {@code admin}), with one AMQP acceptor on the given port instead of the
 * embedded default 5672, no journal (a test needs no persistence) and one user, the hub's {@code cdphub} in role
 * {@code admin}.
 */
final class ExternalBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;

    private ExternalBroker(EmbeddedActiveMQ broker) {
        this.broker = broker;
    }

    static ExternalBroker start(Path artemisXml, Path work, int port, String user, String password) throws Exception {
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(artemisXml.toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        config.setName("cdphub-it-external")
                .setPersistenceEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(work.resolve("journal").toString())
                .setBindingsDirectory(work.resolve("bindings").toString())
                .setPagingDirectory(work.resolve("paging").toString())
                .setLargeMessagesDirectory(work.resolve("large-messages").toString())
                .clearAcceptorConfigurations()
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port
                        + "?protocols=AMQP;amqpCredits=1000;amqpLowCredits=300;amqpDuplicateDetection=true");

        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(user, password);
        users.addRole(user, "admin");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        return new ExternalBroker(broker);
    }

    /** Messages on {@code queue} not yet acknowledged (waiting or being delivered); 0 when the queue does not exist. */
    long pending(String queue) {
        Queue q = broker.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getMessageCount() + q.getDeliveringCount();
    }

    /** Consumers attached to {@code queue}; 0 when it does not exist. */
    int consumers(String queue) {
        Queue q = broker.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : q.getConsumerCount();
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}

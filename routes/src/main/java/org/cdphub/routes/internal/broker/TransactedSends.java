package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the wrapped processors send through the JMS component goes out in one local JMS transaction: committed when
 * they finish, rolled back when they fail. The session is exposed to Spring's JMS template as {@link BatchConsumer}
 * exposes its own, so the sends are asynchronous until the commit instead of one broker round trip each. For routes
 * that no transacted consumer starts (timers); a connection and session per wrapped run.
 */
final class TransactedSends implements Policy {

    private final ConnectionFactory connectionFactory;

    TransactedSends(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    public void beforeWrap(Route route, NamedNode definition) {
        // nothing to prepare
    }

    @Override
    public Processor wrap(Route route, Processor processor) {
        return exchange -> {
            try (Connection connection = connectionFactory.createConnection();
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                TransactionSynchronizationManager.bindResource(connectionFactory, new JmsResourceHolder(session));
                try {
                    processor.process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                } finally {
                    TransactionSynchronizationManager.unbindResource(connectionFactory);
                }
                if (exchange.getException() == null) {
                    session.commit();
                } else {
                    session.rollback();
                }
            }
        };
    }
}

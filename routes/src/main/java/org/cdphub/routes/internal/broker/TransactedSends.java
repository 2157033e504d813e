package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the wrapped processors send through the JMS component goes out in one local JMS transaction: committed when
 * they finish, rolled back when they fail. The session is exposed to Spring's JMS template as {@link BatchConsumer}
 * exposes its own, so the sends are asynchronous until the commit instead of one broker round trip each. For routes
 * that no transacted consumer starts (timers); a connection and session per wrapped run.
 *
 * <p>Wrapped processors that run in a transaction already (a route that a transacted consumer, {@link BatchConsumer},
 * started) send in that one: it commits or rolls back with the consumer's messages.
 *
 * <p>What the wrapped processors send must be worth sending again: a run that fails (a send, or the commit, say when
 * the connection fails over to another broker) is rolled back and run again, up to {@value #ATTEMPTS} times in all,
 * then the failure is the exchange's. A commit whose outcome the broker never confirmed may have gone through: at
 * least once, not exactly once.
 */
final class TransactedSends implements Policy {

    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(TransactedSends.class);

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
            if (TransactionSynchronizationManager.hasResource(connectionFactory)) {
                processor.process(exchange); // a transacted consumer's route: its transaction, its redelivery
                return;
            }
            for (int attempt = 1;; attempt++) {
                exchange.setException(null);
                try {
                    runOnce(processor, exchange);
                } catch (Exception e) { // the commit, or opening the session
                    exchange.setException(e);
                }
                Exception failure = exchange.getException();
                if (failure == null || attempt == ATTEMPTS) {
                    return;
                }
                LOG.warn("sends in one transaction: attempt {} of {} failed and was rolled back, sending again: {}",
                        attempt, ATTEMPTS, failure.toString());
            }
        };
    }

    private void runOnce(Processor processor, Exchange exchange) throws Exception {
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
    }
}

package org.cdphub.routes.internal.broker;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Camel component for batch consumption from a JMS queue: {@code <scheme>:<queue>?maxMessages=<n>} (1 to 10,000,
 * default 100). See {@link BatchConsumer}. Consume only: sending goes through the JMS component, whose sends within a
 * batch join the batch's transaction.
 */
final class BatchComponent extends DefaultComponent {

    static final int DEFAULT_MAX_MESSAGES = 100;

    private final ConnectionFactory connectionFactory;

    BatchComponent(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException(uri + ": no queue name");
        }
        Integer max = getAndRemoveParameter(parameters, "maxMessages", Integer.class, DEFAULT_MAX_MESSAGES);
        if (max == null || max < 1 || max > 10_000) {
            throw new IllegalArgumentException(uri + ": maxMessages must be 1 to 10000, got " + max);
        }
        return new BatchEndpoint(uri, this, remaining, max);
    }

    private static final class BatchEndpoint extends DefaultEndpoint {

        private final String queue;
        private final int maxMessages;

        BatchEndpoint(String uri, BatchComponent component, String queue, int maxMessages) {
            super(uri, component);
            this.queue = queue;
            this.maxMessages = maxMessages;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(getEndpointUri() + " only consumes; send with the JMS component");
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = new BatchConsumer(this, processor,
                    ((BatchComponent) getComponent()).connectionFactory, queue, maxMessages);
            configureConsumer(consumer);
            return consumer;
        }
    }
}

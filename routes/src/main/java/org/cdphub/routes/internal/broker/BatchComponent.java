package org.cdphub.routes.internal.broker;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Camel component for batch consumption (see {@link BatchConsumer}): {@code <scheme>:queue:<queue>} from an anycast
 * queue, {@code <scheme>:topic:<address>?subscription=<name>} from a shared durable subscription of a multicast
 * address; {@code maxMessages=<n>} (1 to 10,000, default 100) per batch; {@code available=#<bean>}: a
 * {@link BooleanSupplier} in the context's registry, the condition the consumer waits for after a failed batch (see
 * {@link Transport#consumeBatchesFrom(String, int, String)}); {@code probeInterval=<ms>} (100 to 600,000, default
 * {@value BatchConsumer#DEFAULT_PROBE_INTERVAL_MS}): how often it asks the condition while it does not hold;
 * {@code moreWait=<ms>} (1 to 10,000, default {@value BatchConsumer#DEFAULT_MORE_WAIT_MS}): how long a batch waits for
 * each further message before it goes as it is (longer: fuller batches under a trickle, but a batch whose messages
 * come just under that far apart takes up to {@code (maxMessages - 1) * moreWait} to fill; a stop ends the wait after
 * the current one). Consume only: sending goes through the JMS component, whose sends within a batch join the
 * batch's transaction.
 */
final class BatchComponent extends DefaultComponent {

    static final int DEFAULT_MAX_MESSAGES = 100;
    static final String AVAILABLE = "available";
    private static final BooleanSupplier ALWAYS = () -> true;

    private final ConnectionFactory connectionFactory;

    BatchComponent(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String subscription = getAndRemoveParameter(parameters, "subscription", String.class);
        BatchConsumer.Source source;
        if (remaining != null && remaining.startsWith("queue:") && remaining.length() > 6 && subscription == null) {
            source = new BatchConsumer.Source(remaining.substring(6), null);
        } else if (remaining != null && remaining.startsWith("topic:") && remaining.length() > 6
                && subscription != null && !subscription.isBlank()) {
            source = new BatchConsumer.Source(remaining.substring(6), subscription);
        } else {
            throw new IllegalArgumentException(uri + ": expected queue:<name>, or topic:<address>?subscription=<name>");
        }
        Integer max = getAndRemoveParameter(parameters, "maxMessages", Integer.class, DEFAULT_MAX_MESSAGES);
        if (max == null || max < 1 || max > 10_000) {
            throw new IllegalArgumentException(uri + ": maxMessages must be 1 to 10000, got " + max);
        }
        // "#name": looked up in the registry; a name bound to nothing fails the route's start (NoSuchBeanException)
        BooleanSupplier available = resolveAndRemoveReferenceParameter(parameters, AVAILABLE, BooleanSupplier.class,
                ALWAYS);
        long probeInterval = millis(uri, parameters, "probeInterval", BatchConsumer.DEFAULT_PROBE_INTERVAL_MS, 100,
                600_000);
        long moreWait = millis(uri, parameters, "moreWait", BatchConsumer.DEFAULT_MORE_WAIT_MS, 1, 10_000);
        return new BatchEndpoint(uri, this, source, max, available, probeInterval, moreWait);
    }

    /** The parameter {@code name}, milliseconds from {@code min} to {@code max}; a message naming it otherwise. */
    private long millis(String uri, Map<String, Object> parameters, String name, long defaultValue, long min, long max)
            throws Exception {
        String text = getAndRemoveParameter(parameters, name, String.class, String.valueOf(defaultValue));
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(uri + ": " + name + " must be " + min + " to " + max + " ms, got '"
                    + text + "'");
        }
        return value;
    }

    private static final class BatchEndpoint extends DefaultEndpoint {

        private final BatchConsumer.Source source;
        private final int maxMessages;
        private final BooleanSupplier available;
        private final long probeIntervalMs;
        private final long moreWaitMs;

        BatchEndpoint(String uri, BatchComponent component, BatchConsumer.Source source, int maxMessages,
                BooleanSupplier available, long probeIntervalMs, long moreWaitMs) {
            super(uri, component);
            this.source = source;
            this.maxMessages = maxMessages;
            this.available = available;
            this.probeIntervalMs = probeIntervalMs;
            this.moreWaitMs = moreWaitMs;
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException(getEndpointUri() + " only consumes; send with the JMS component");
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = new BatchConsumer(this, processor, ((BatchComponent) getComponent()).connectionFactory,
                    source, maxMessages, available, probeIntervalMs, moreWaitMs);
            configureConsumer(consumer);
            return consumer;
        }
    }
}

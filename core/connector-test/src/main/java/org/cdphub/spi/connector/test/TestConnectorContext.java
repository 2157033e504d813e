package org.cdphub.spi.connector.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorMetrics;

/**
 * A {@link ConnectorContext} for tests: fragments, removals and dead letters go to {@code mock:} endpoints (add
 * {@code camel-mock}, part of camel-core, and assert on them), membership changes come from a {@code direct:}
 * endpoint, checkpoints live in memory (keep the instance across a simulated restart), counters are recorded.
 */
public class TestConnectorContext implements ConnectorContext {

    public static final String FRAGMENTS = "mock:fragments";
    public static final String REMOVALS = "mock:removals";
    public static final String DEAD_LETTERS = "mock:dead-letters";
    public static final String MEMBERSHIP_CHANGES = "direct:membership-changes";
    public static final String MEMBERSHIP_CHANGE_BATCHES = "direct:membership-change-batches";

    private final String connectorId;
    private final InMemoryCheckpoints checkpoints;
    public final AtomicLong recordsRead = new AtomicLong();
    public final AtomicLong delivered = new AtomicLong();
    public final List<String> failures = new CopyOnWriteArrayList<>();

    public TestConnectorContext(String connectorId) {
        this(connectorId, new InMemoryCheckpoints());
    }

    /** A context sharing {@code checkpoints} with an earlier one: a restart of the same instance. */
    public TestConnectorContext(String connectorId, InMemoryCheckpoints checkpoints) {
        this.connectorId = connectorId;
        this.checkpoints = checkpoints;
    }

    @Override
    public String connectorId() {
        return connectorId;
    }

    @Override
    public String fragmentsUri() {
        return FRAGMENTS;
    }

    @Override
    public String removalsUri() {
        return REMOVALS;
    }

    @Override
    public String membershipChangesUri() {
        return MEMBERSHIP_CHANGES;
    }

    @Override
    public String membershipChangeBatchesUri() {
        return MEMBERSHIP_CHANGE_BATCHES;
    }

    @Override
    public String deadLetterUri() {
        return DEAD_LETTERS;
    }

    @Override
    public InMemoryCheckpoints checkpoints() {
        return checkpoints;
    }

    @Override
    public ConnectorMetrics metrics() {
        return new ConnectorMetrics() {
            @Override
            public void recordsRead(long count) {
                recordsRead.addAndGet(count);
            }

            @Override
            public void delivered(long count) {
                delivered.addAndGet(count);
            }

            @Override
            public void failure(String message) {
                failures.add(message);
            }
        };
    }

    /** Checkpoints in a map. */
    public static final class InMemoryCheckpoints implements Checkpoints {
        private final java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.Optional<String> get(String key) {
            return java.util.Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void remove(String key) {
            values.remove(key);
        }

        /** A copy of everything saved. */
        public java.util.Map<String, String> snapshot() {
            return java.util.Map.copyOf(values);
        }
    }
}

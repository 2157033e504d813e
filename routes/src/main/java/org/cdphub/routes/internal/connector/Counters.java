package org.cdphub.routes.internal.connector;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cdphub.spi.connector.ConnectorMetrics;

/** Counters of one connector instance since it started. */
final class Counters implements ConnectorMetrics {

    final AtomicLong read = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong withheld = new AtomicLong();
    final AtomicLong removed = new AtomicLong();
    /** The last failure with its time, set together so that a reader never pairs one's message with another's time. */
    final AtomicReference<LastError> lastError = new AtomicReference<>();
    final AtomicReference<Instant> lastActivity = new AtomicReference<>();
    private final Clock clock;

    Counters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void recordsRead(long count) {
        read.addAndGet(count);
        touch();
    }

    @Override
    public void delivered(long count) {
        delivered.addAndGet(count);
        touch();
    }

    @Override
    public void failure(String message) {
        lastError.set(new LastError(message, clock.instant()));
        touch();
    }

    void sent(long count) {
        sent.addAndGet(count);
        touch();
    }

    void deadLettered(String reason) {
        deadLettered.incrementAndGet();
        touch();
    }

    void withheld() {
        withheld.incrementAndGet();
        touch();
    }

    void removed(long count) {
        removed.addAndGet(count);
        touch();
    }

    record LastError(String message, Instant at) {
    }

    private void touch() {
        lastActivity.set(clock.instant());
    }
}

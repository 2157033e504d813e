package org.cdphub.routes.internal.connector;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The send times a connector's messages on the fragments queue carry ({@code CdpSentAt}): the clock's time in
 * microseconds (what the store keeps), each later than the one before, so that comparing two send times of one
 * connector instance says which message it sent first, even within a microsecond. The merge stage compares a removal's
 * send time with those of the fragments of its records, never with the sources' observation times. A new instance (a
 * connector restarted or reconfigured) starts from the clock again: only a clock stepped back across the restart
 * orders its first messages before the last ones of the instance before; other nodes' send times are as comparable as
 * the nodes' clocks.
 */
final class SendClock {

    private static final Duration TICK = Duration.ofNanos(1_000);

    private final InstantSource clock;
    private Instant last = Instant.MIN;

    SendClock(InstantSource clock) {
        this.clock = clock;
    }

    /** The send time of the next message: now, or just after the last one when the clock has not moved on. */
    synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        last = now.isAfter(last) ? now : last.plus(TICK);
        return last;
    }
}

package org.cdphub.spi.connector;

import java.time.Instant;

/**
 * A connector instance as the console shows it.
 *
 * @param read         source records read
 * @param sent         fragments sent on to the merge stage (inbound) or changes received (outbound)
 * @param delivered    items delivered to the destination (outbound)
 * @param deadLettered records sent to the connector's dead-letter queue
 * @param withheld     changes held back because the person had not granted the consent the destination requires
 * @param removed      source records the connector reported deleted (erasures sent to the merge stage)
 * @param lastError    the last failure, if any (a connector that recovered keeps it: see {@code lastErrorAt})
 * @param lastErrorAt  when it happened; null when there was none
 * @param lastActivity when the instance last read, sent, delivered or failed anything; null before that
 */
public record ConnectorStatus(ConnectorInfo info, ConnectorState state, long read, long sent, long delivered,
        long deadLettered, long withheld, long removed, String lastError, Instant lastErrorAt, Instant lastActivity) {
}

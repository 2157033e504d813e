package org.cdphub.spi.connector;

/** Counters of one connector instance. The runtime counts fragments sent and dead letters itself. */
public interface ConnectorMetrics {

    /** Source records read (rows, messages, API objects), good or bad. */
    void recordsRead(long count);

    /** Items delivered to an outbound destination. */
    void delivered(long count);

    /** A unit of work (a file, a page, a request) failed as a whole; the message is shown to operators. */
    void failure(String message);
}

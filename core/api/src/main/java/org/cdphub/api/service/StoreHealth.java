package org.cdphub.api.service;

/**
 * Whether the profile store answers and takes writes. The pipeline's stages ask it after a batch failed: while it
 * does not, they stop taking messages, so that an outage spends one of the failed batch's delivery attempts, not all
 * of them, and a node that cannot reach the store leaves its share of the queue to the nodes that can.
 */
public interface StoreHealth {

    /**
     * True when a connection to the store could be had and the store accepted a write that changes nothing (a store
     * that is up but read-only is not available to the stages either). Never throws; may take as long as the store's
     * pool waits for a connection (HikariCP's {@code connectionTimeout}, 30 s by default) when it does not answer.
     */
    boolean acceptsWrites();
}

package org.cdphub.routes.internal;

/**
 * Every broker address the hub uses, in one place. Stages and the connector runtime build endpoint URIs from these;
 * connectors never see them.
 */
public final class Addresses {

    /** Anycast queue: batches of fragments from inbound connectors to the merge stage. */
    public static final String FRAGMENTS = "cdp.fragments";
    /** Anycast queue: profiles changed by a merge, to the segment stage. */
    public static final String PROFILES_CHANGED = "cdp.profiles.changed";
    /** Multicast address: segment membership changes; every outbound connector has its own subscription queue. */
    public static final String MEMBERSHIP_CHANGES = "cdp.membership.changes";
    /** Anycast queue: records the pipeline stages refused, with the reason. */
    public static final String CORE_DEAD_LETTER = "cdp.core.dlq";
    /**
     * Anycast queues {@code DLQ.<address>}: messages the broker moved after their delivery attempts, auto-created on
     * the address {@code DLA} (etc/artemis.xml).
     */
    public static final String BROKER_DEAD_LETTER_PREFIX = "DLQ.";

    private Addresses() {
    }

    /** Dead-letter queue of one connector instance. */
    public static String connectorDeadLetter(String connectorId) {
        return "cdp.connector." + connectorId + ".dlq";
    }

    /** Subscription queue of one outbound connector instance on {@link #MEMBERSHIP_CHANGES}. */
    public static String outboundSubscription(String connectorId) {
        return "cdp.outbound." + connectorId;
    }
}

package org.cdphub.routes.internal;

/** Message headers the hub sets on broker messages (JMS property names: letters and digits only). */
public final class Headers {

    /** The connector instance a message came from. */
    public static final String SOURCE = "CdpSource";
    /** Number of items in a batch message. */
    public static final String BATCH_SIZE = "CdpBatchSize";
    /** Groups messages of one profile so that they are consumed in order. */
    public static final String GROUP = "JMSXGroupID";
    /** Why a message is in a dead-letter queue. */
    public static final String REASON = "CdpReason";

    private Headers() {
    }
}

package org.cdphub.routes.internal;

/** Message headers the hub sets on broker messages (JMS property names: letters and digits only). */
public final class Headers {

    /** The connector instance a message came from. */
    public static final String SOURCE = "CdpSource";
    /** Number of items in a batch message. */
    public static final String BATCH_SIZE = "CdpBatchSize";
    /**
     * Groups messages so that one consumer takes them, in order: the fragments and removals of a connector's records
     * (RecordGroups.group), the membership changes of a set of profiles (SegmentRoute.group).
     */
    public static final String GROUP = "JMSXGroupID";
    /** What a message on the fragments queue holds: absent for a fragment batch, {@value #KIND_REMOVALS} for removals. */
    public static final String KIND = "CdpKind";
    /** {@link #KIND} of a message whose body is a JSON list of source record ids of {@link #SOURCE} to erase. */
    public static final String KIND_REMOVALS = "removals";
    /**
     * When the connector runtime sent a message of the fragments queue, as an ISO-8601 instant (microseconds, each
     * later than the one before per connector instance): a fragment sent at or before a removal of its record stays
     * out, in whichever order the two reach the merge stage.
     */
    public static final String SENT_AT = "CdpSentAt";
    /** Why a message is in a dead-letter queue. */
    public static final String REASON = "CdpReason";

    private Headers() {
    }
}

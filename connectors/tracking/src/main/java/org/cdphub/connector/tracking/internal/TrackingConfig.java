package org.cdphub.connector.tracking.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CDP Hub tracking API (Segment-compatible)",
        description = "Receives identify, track, page, screen, group, alias and batch calls from Segment and "
                + "RudderStack client libraries on the hub's HTTP port.")
public @interface TrackingConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-')")
    String id();

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Accepted write keys, comma-separated (sent as the HTTP Basic user name or as writeKey)")
    String write_keys();

    @AttributeDefinition(description = "Path prefix of the endpoints")
    String path() default "/v1";

    @AttributeDefinition(description = "Phone region for numbers in traits written without a country code")
    String phone_default_region() default "NL";

    @AttributeDefinition(description = "How many recent messageIds are remembered to drop duplicates")
    String dedup_window() default "100000";

    @AttributeDefinition(description = "How long a track, page or screen call is kept after its timestamp: an ISO-8601"
            + " duration in days, weeks or hours, at most P395D (13 months); empty (the default) keeps them until"
            + " erased. A call that carries consent preferences is always kept")
    String events_ttl() default "";
}

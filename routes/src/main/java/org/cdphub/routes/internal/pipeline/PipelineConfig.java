package org.cdphub.routes.internal.pipeline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.cdphub.pipeline}: the scheduled work of the pipeline. */
@ObjectClassDefinition(name = "CDP Hub pipeline", description = "Merge and segment stages, the expiry sweep and the sweep of pending changes")
public @interface PipelineConfig {

    @AttributeDefinition(name = "Merge batch",
            description = "Most messages of cdp.fragments the merge stage takes in one transaction (1 to 1000). It takes"
                    + " only those already queued, so a light load goes one message at a time")
    int merge_batch_messages() default 100;

    @AttributeDefinition(name = "Segment batch",
            description = "Most messages of cdp.profiles.changed the segment stage takes in one transaction (1 to 1000)")
    int segments_batch_messages() default 100;

    @AttributeDefinition(name = "Expiry sweep interval",
            description = "How often fragments whose time to live has passed are removed (ISO-8601 duration, at least PT1S)")
    String expiry_interval() default "PT1M";

    @AttributeDefinition(name = "Expiry batch",
            description = "Fragments removed per transaction by the expiry sweep (1 to 10000)")
    int expiry_batch() default 500;

    @AttributeDefinition(name = "Pending changes announced after",
            description = "A change the store committed whose profiles-changed message was lost (the node stopped, or"
                    + " the batch rolled back after the store had committed part of it) is announced once it is this"
                    + " old; the sweep looks every half of it (ISO-8601 duration, at least PT10S)")
    String pending_changes_after() default "PT1M";

    @AttributeDefinition(name = "Segment schedule interval",
            description = "How often profiles due for re-evaluation (a time-based condition can flip, or the segment"
                    + " definitions changed) are evaluated (ISO-8601 duration, at least PT1S)")
    String segments_schedule_interval() default "PT10S";

    @AttributeDefinition(name = "Segment schedule batch",
            description = "Profiles re-evaluated per transaction by the schedule (1 to 10000)")
    int segments_schedule_batch() default 500;
}

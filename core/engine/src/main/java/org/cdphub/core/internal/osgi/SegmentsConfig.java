package org.cdphub.core.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.cdphub.segments}. */
@ObjectClassDefinition(name = "CDP Hub segments",
        description = "Segment definitions from files, evaluated after every change and when time-based conditions can flip.")
public @interface SegmentsConfig {

    @AttributeDefinition(name = "Definitions directory",
            description = "Folder of segment definition files (*.yaml, *.yml, *.json; see docs/segments.md), watched"
                    + " for changes. Relative paths are resolved against the Karaf home. Empty: ${karaf.etc}/segments.")
    String directory() default "";

    @AttributeDefinition(name = "Reload interval",
            description = "How often the folder is checked for added, changed and deleted files (ISO-8601, at least PT1S).")
    String reload_interval() default "PT5S";

    @AttributeDefinition(name = "Default time zone",
            description = "Time zone of people without a valid timeZone trait, for birthday windows (for example"
                    + " Europe/Amsterdam). Empty: the time zone of the machine.")
    String time_zone() default "";

    @AttributeDefinition(name = "Profile store",
            description = "LDAP filter selecting the javax.sql.DataSource service of the profile store.")
    String DataSource_target() default CoreComponent.DEFAULT_DATA_SOURCE;
}

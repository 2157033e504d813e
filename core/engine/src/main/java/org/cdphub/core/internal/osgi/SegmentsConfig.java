package org.cdphub.core.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.cdphub.segments}. */
@ObjectClassDefinition(name = "CDP Hub segments",
        description = "Segments evaluated after every merge.")
public @interface SegmentsConfig {

    @AttributeDefinition(name = "Segment definitions",
            description = "One per value, '<name>: <condition>'. Names match [a-z0-9][a-z0-9-]*. Conditions: "
                    + "<trait> = <value>, <trait> != <value> (case-insensitive; quote values with spaces) "
                    + "or exists(<trait>).")
    String[] definitions() default {"nl-customers: country = NL"};

    @AttributeDefinition(name = "Profile store",
            description = "LDAP filter selecting the javax.sql.DataSource service of the profile store.")
    String DataSource_target() default CoreComponent.DEFAULT_DATA_SOURCE;
}

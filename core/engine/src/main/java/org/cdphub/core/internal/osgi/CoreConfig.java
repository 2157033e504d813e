package org.cdphub.core.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code org.cdphub.core}. Method names map to keys by the metatype rules: {@code _} becomes {@code .}
 * (so {@code phone_default_region} is {@code phone.default.region}).
 */
@ObjectClassDefinition(name = "CDP Hub core engine",
        description = "Identity resolution and the profile store.")
public @interface CoreConfig {

    @AttributeDefinition(name = "Default phone region",
            description = "ISO 3166 two-letter region (NL, GB, US, ...) for phone numbers written without a country code.")
    String phone_default_region() default "NL";

    @AttributeDefinition(name = "Profile store",
            description = "LDAP filter selecting the javax.sql.DataSource service of the profile store.")
    String DataSource_target() default CoreComponent.DEFAULT_DATA_SOURCE;
}

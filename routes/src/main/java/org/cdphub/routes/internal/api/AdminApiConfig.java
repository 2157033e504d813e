package org.cdphub.routes.internal.api;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.cdphub.api}: the admin REST API on the hub's HTTP port. */
@ObjectClassDefinition(name = "CDP Hub admin API",
        description = "REST equivalents of the console's segment commands, under /api on the hub's HTTP port")
public @interface AdminApiConfig {

    @AttributeDefinition(name = "Token", type = AttributeType.PASSWORD,
            description = "Bearer token every request must carry (Authorization: Bearer <token>), at least 16"
                    + " characters. Empty: the admin API is off.")
    String token() default "";
}

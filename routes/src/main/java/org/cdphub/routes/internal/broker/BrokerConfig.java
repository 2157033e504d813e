package org.cdphub.routes.internal.broker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CDP Hub broker connection",
        description = "How the hub's stages reach the ActiveMQ Artemis broker (embedded by default).")
public @interface BrokerConfig {

    @AttributeDefinition(description = "AMQP URL of the broker, for example amqp://127.0.0.1:5672")
    String url() default "amqp://127.0.0.1:5672";

    @AttributeDefinition(description = "User name on the broker")
    String username() default "cdphub";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password on the broker")
    String password() default "";

    @AttributeDefinition(description = "Pooled AMQP connections shared by all routes")
    int max_connections() default 4;
}

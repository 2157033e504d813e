package org.cdphub.routes.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CDP Hub HTTP server",
        description = "The one HTTP port connectors receive requests on (tracking API, webhooks).")
public @interface HttpConfig {

    @AttributeDefinition(description = "Address to listen on; 127.0.0.1 keeps it local, put a TLS proxy in front")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "Port to listen on")
    int port() default 8181;

    @AttributeDefinition(description = "Largest request body accepted, in bytes; larger requests get 413")
    long max_body_bytes() default 1_048_576;
}

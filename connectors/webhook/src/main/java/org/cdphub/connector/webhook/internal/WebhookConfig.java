package org.cdphub.connector.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "CDP Hub webhook connector",
        description = "Sends segment membership changes as JSON: appended as lines to a file per day in a folder, "
                + "or POSTed to a URL, one change or a JSON array of changes per request. "
                + "Set exactly one of directory and url.")
public @interface WebhookConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-')")
    String id();

    @AttributeDefinition(required = false, description = "Folder for membership-<date>.jsonl files")
    String directory() default "";

    @AttributeDefinition(required = false, description = "http(s) URL to POST each change to")
    String url() default "";

    @AttributeDefinition(required = false, description = "Name of an extra request header, e.g. Authorization")
    String header_name() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "Value of that header; a secret, never logged or shown")
    String header_value() default "";

    @AttributeDefinition(required = false,
            description = "Consent (purpose/channel, e.g. marketing/email) a person must have granted to be sent")
    String required_consent() default "";

    @AttributeDefinition(description = "Connect and response timeout in milliseconds")
    String timeout_ms() default "10000";

    @AttributeDefinition(description = "Changes per request or write: 1 posts each change as a JSON object; more "
            + "posts a JSON array of up to this many changes, in order (1 to 1000)")
    String batch_size() default "1";
}

package org.cdphub.connector.woocommerce.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code woocommerce} instance ({@code etc/org.cdphub.connector.woocommerce-<name>.cfg}). Numbers
 * are read as text so that a bad value is reported with its key; see {@link WooSettings}.
 */
@ObjectClassDefinition(name = "CDP Hub WooCommerce connector",
        description = "Receives WooCommerce order and customer webhooks (signed with HMAC-SHA256) on the hub's HTTP "
                + "port at /webhooks/woocommerce/<id>, and optionally backfills past orders over the REST API v3.")
public @interface WooConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The secret entered for the store's webhooks")
    String webhook_secret();

    @AttributeDefinition(required = false, description = "The store's URL, e.g. https://shop.example.com (for the backfill)")
    String site_url() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "REST API consumer key with read access (for the backfill)")
    String consumer_key() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "REST API consumer secret (for the backfill)")
    String consumer_secret() default "";

    @AttributeDefinition(required = false, description = "Backfill past orders over the REST API")
    String backfill_enabled() default "false";

    @AttributeDefinition(required = false,
            description = "ISO-8601 instant: orders modified before it are not backfilled; empty for all of them")
    String backfill_since() default "";

    @AttributeDefinition(required = false,
            description = "Minutes between two backfill runs (each resumes from its checkpoint); 0 runs it once at start")
    String backfill_interval_minutes() default "60";

    @AttributeDefinition(required = false, description = "Retries of a page after a server error (0-20) before a run gives up")
    String backfill_max_retries() default "5";

    @AttributeDefinition(required = false, description = "First back-off in milliseconds after a server error (doubles)")
    String backfill_backoff_ms() default "1000";

    @AttributeDefinition(required = false,
            description = "ISO 3166 region for phone numbers written without a country code, e.g. NL")
    String phone_default_region() default "NL";
}

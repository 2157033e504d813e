package org.cdphub.connector.shopify.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of one {@code shopify} instance ({@code etc/org.cdphub.connector.shopify-<name>.cfg}). Numbers are
 * read as text so that a bad value is reported with its key; see {@link ShopifySettings}.
 */
@ObjectClassDefinition(name = "CDP Hub Shopify connector",
        description = "Receives Shopify order and customer webhooks (signed with HMAC-SHA256) on the hub's HTTP port "
                + "at /webhooks/shopify/<id>, and optionally backfills past orders over the Admin REST API.")
public @interface ShopifyConfig {

    @AttributeDefinition(description = "Instance id, unique in the hub (a-z, 0-9, '-'); also the source of its fragments")
    String id();

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "The app's client secret (or the store's webhook signing key) that signs the webhooks")
    String webhook_secret();

    @AttributeDefinition(required = false, description = "The shop's domain, e.g. my-shop.myshopify.com (for the backfill)")
    String shop_domain() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "Admin API access token with read_orders (for the backfill)")
    String access_token() default "";

    @AttributeDefinition(required = false, description = "Admin REST API version, e.g. 2025-07")
    String api_version() default "2025-07";

    @AttributeDefinition(required = false, description = "Base URL instead of https://<shop.domain> (tests, proxies)")
    String base_url() default "";

    @AttributeDefinition(required = false, description = "Backfill past orders over the Admin REST API")
    String backfill_enabled() default "false";

    @AttributeDefinition(required = false,
            description = "ISO-8601 instant: orders updated before it are not backfilled; empty for all of them")
    String backfill_since() default "";

    @AttributeDefinition(required = false,
            description = "Minutes between two backfill runs (each resumes from its checkpoint); 0 runs it once at start")
    String backfill_interval_minutes() default "60";

    @AttributeDefinition(required = false, description = "Retries of a page after a server error (0-20) before a run gives up")
    String backfill_max_retries() default "5";

    @AttributeDefinition(required = false, description = "First back-off in milliseconds after a server error (doubles)")
    String backfill_backoff_ms() default "1000";

    @AttributeDefinition(required = false,
            description = "Line-item field whose values become the order's categories (e.g. product_type, vendor)")
    String category_field() default "product_type";

    @AttributeDefinition(required = false,
            description = "ISO 3166 region for phone numbers written without a country code, e.g. NL")
    String phone_default_region() default "NL";
}

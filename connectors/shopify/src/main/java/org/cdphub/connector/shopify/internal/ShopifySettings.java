package org.cdphub.connector.shopify.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.bool;
import static org.cdphub.spi.connector.support.config.ConfigValues.instant;
import static org.cdphub.spi.connector.support.config.ConfigValues.masked;
import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.region;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;

/**
 * Validated settings of one shopify instance. Secrets ({@code webhook.secret}, {@code access.token}) are kept here
 * only; {@link #describe()} and {@link #toString()} mask them.
 */
record ShopifySettings(String id, String webhookSecret, String shopDomain, String accessToken, String apiVersion,
        URI baseUrl, boolean backfill, Instant backfillSince, long intervalMinutes, int maxRetries, long backoffMs,
        String categoryField, IdentifierNormalizer normalizer) {

    static final String MASK = ConfigValues.MASK;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)+");
    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}|unstable");
    private static final Pattern FIELD = Pattern.compile("[a-z_]{1,64}");

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static ShopifySettings from(ShopifyConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String secret = trim(c.webhook_secret());
        if (secret.isEmpty()) {
            problems.add("webhook.secret: required, the secret Shopify signs webhooks with");
        }
        String domain = trim(c.shop_domain());
        if (!domain.isEmpty() && !DOMAIN.matcher(domain).matches()) {
            problems.add("shop.domain: expected a host name such as my-shop.myshopify.com, got '" + domain + "'");
        }
        String version = trim(c.api_version());
        if (!VERSION.matcher(version).matches()) {
            problems.add("api.version: expected a version such as 2025-07, got '" + version + "'");
        }
        URI base = problems.attempt(() -> baseUrl(trim(c.base_url())));
        Boolean backfill = problems.attempt(() -> bool("backfill.enabled", c.backfill_enabled()));
        Instant since = problems.attempt(() -> instant("backfill.since", c.backfill_since()));
        Long interval = problems.attempt(() -> number("backfill.interval.minutes", c.backfill_interval_minutes(), 0, 10_080));
        Long retries = problems.attempt(() -> number("backfill.max.retries", c.backfill_max_retries(), 0, 20));
        Long backoff = problems.attempt(() -> number("backfill.backoff.ms", c.backfill_backoff_ms(), 1, 600_000));
        String field = trim(c.category_field());
        if (!FIELD.matcher(field).matches()) {
            problems.add("category.field: expected a line-item field name such as product_type, got '" + field + "'");
        }
        IdentifierNormalizer normalizer = problems.attempt(() -> region(c.phone_default_region()));
        String token = trim(c.access_token());
        if (Boolean.TRUE.equals(backfill)) {
            if (domain.isEmpty() && base == null) {
                problems.add("shop.domain: required when backfill.enabled=true");
            }
            if (token.isEmpty()) {
                problems.add("access.token: required when backfill.enabled=true");
            }
        }
        problems.throwIfAny();
        return new ShopifySettings(id, secret, domain, token, version, base, backfill, since, interval,
                retries.intValue(), backoff, field, normalizer);
    }

    /** Where the Admin API lives: {@code base.url} if set, else {@code https://<shop.domain>}. */
    URI apiBase() {
        return baseUrl != null ? baseUrl : URI.create("https://" + shopDomain);
    }

    /** Whether order categories are completed by looking up product types (an access token is configured). */
    boolean productLookup() {
        return !accessToken.isEmpty() && (baseUrl != null || !shopDomain.isEmpty())
                && ShopifyMapper.PRODUCT_TYPE.equals(categoryField);
    }

    String webhookPath() {
        return "/webhooks/shopify/" + id;
    }

    /** The settings as {@code cdp:connectors} shows them, secrets masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("webhook.path", webhookPath());
        out.put("webhook.secret", MASK);
        out.put("shop.domain", shopDomain);
        out.put("access.token", masked(accessToken));
        out.put("api.version", apiVersion);
        if (baseUrl != null) {
            out.put("base.url", baseUrl.toString());
        }
        out.put("backfill.enabled", Boolean.toString(backfill));
        out.put("backfill.since", backfillSince == null ? "" : backfillSince.toString());
        out.put("backfill.interval.minutes", Long.toString(intervalMinutes));
        out.put("backfill.max.retries", Integer.toString(maxRetries));
        out.put("backfill.backoff.ms", Long.toString(backoffMs));
        out.put("category.field", categoryField);
        out.put("phone.default.region", normalizer.defaultRegion());
        return out;
    }

    @Override
    public String toString() {
        return "ShopifySettings" + describe();
    }

    private static URI baseUrl(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("base.url: expected an http(s) URL, got '" + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("base.url: not a URL: '" + value + "'");
        }
    }
}

package org.cdphub.connector.shopify.internal;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;

/**
 * Validated settings of one shopify instance. Secrets ({@code webhook.secret}, {@code access.token}) are kept here
 * only; {@link #describe()} and {@link #toString()} mask them.
 */
record ShopifySettings(String id, String webhookSecret, String shopDomain, String accessToken, String apiVersion,
        URI baseUrl, boolean backfill, Instant backfillSince, long intervalMinutes, int maxRetries, long backoffMs,
        String categoryField, IdentifierNormalizer normalizer) {

    static final String MASK = "****";
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
        List<String> problems = new ArrayList<>();
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
        URI base = attempt(problems, () -> baseUrl(trim(c.base_url())));
        Boolean backfill = attempt(problems, () -> bool("backfill.enabled", c.backfill_enabled()));
        Instant since = attempt(problems, () -> instant("backfill.since", c.backfill_since()));
        Long interval = attempt(problems, () -> number("backfill.interval.minutes", c.backfill_interval_minutes(), 0, 10_080));
        Long retries = attempt(problems, () -> number("backfill.max.retries", c.backfill_max_retries(), 0, 20));
        Long backoff = attempt(problems, () -> number("backfill.backoff.ms", c.backfill_backoff_ms(), 1, 600_000));
        String field = trim(c.category_field());
        if (!FIELD.matcher(field).matches()) {
            problems.add("category.field: expected a line-item field name such as product_type, got '" + field + "'");
        }
        IdentifierNormalizer normalizer = attempt(problems, () -> region(c.phone_default_region()));
        String token = trim(c.access_token());
        if (Boolean.TRUE.equals(backfill)) {
            if (domain.isEmpty() && base == null) {
                problems.add("shop.domain: required when backfill.enabled=true");
            }
            if (token.isEmpty()) {
                problems.add("access.token: required when backfill.enabled=true");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ShopifySettings(id, secret, domain, token, version, base, backfill, since, interval,
                retries.intValue(), backoff, field, normalizer);
    }

    /** Where the Admin API lives: {@code base.url} if set, else {@code https://<shop.domain>}. */
    URI apiBase() {
        return baseUrl != null ? baseUrl : URI.create("https://" + shopDomain);
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
        out.put("access.token", accessToken.isEmpty() ? "" : MASK);
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

    static boolean bool(String key, String value) {
        String v = trim(value).toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + ": expected true or false, got '" + trim(value) + "'");
        }
        return v.equals("true");
    }

    static Instant instant(String key, String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": expected an ISO-8601 instant such as 2024-01-01T00:00:00Z, got '"
                    + v + "'");
        }
    }

    static long number(String key, String value, long min, long max) {
        String v = trim(value);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static IdentifierNormalizer region(String value) {
        try {
            return new IdentifierNormalizer(trim(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone.default.region: " + e.getMessage());
        }
    }

    private static <T> T attempt(List<String> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}

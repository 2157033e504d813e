package org.cdphub.connector.woocommerce.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;

/**
 * Validated settings of one woocommerce instance. Secrets ({@code webhook.secret}, {@code consumer.key},
 * {@code consumer.secret}) are kept here only; {@link #describe()} and {@link #toString()} mask them.
 */
record WooSettings(String id, String webhookSecret, URI siteUrl, String consumerKey, String consumerSecret,
        boolean backfill, Instant backfillSince, long intervalMinutes, int maxRetries, long backoffMs,
        IdentifierNormalizer normalizer) {

    static final String MASK = "****";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static WooSettings from(WooConfig c) {
        List<String> problems = new ArrayList<>();
        String id = trim(c.id());
        if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String secret = trim(c.webhook_secret());
        if (secret.isEmpty()) {
            problems.add("webhook.secret: required, the secret WooCommerce signs webhooks with");
        }
        URI site = attempt(problems, () -> siteUrl(trim(c.site_url())));
        Boolean backfill = attempt(problems, () -> bool(c.backfill_enabled()));
        Instant since = attempt(problems, () -> instant(c.backfill_since()));
        Long interval = attempt(problems, () -> number("backfill.interval.minutes", c.backfill_interval_minutes(), 0, 10_080));
        Long retries = attempt(problems, () -> number("backfill.max.retries", c.backfill_max_retries(), 0, 20));
        Long backoff = attempt(problems, () -> number("backfill.backoff.ms", c.backfill_backoff_ms(), 1, 600_000));
        IdentifierNormalizer normalizer = attempt(problems, () -> region(c.phone_default_region()));
        String key = trim(c.consumer_key());
        String keySecret = trim(c.consumer_secret());
        if (Boolean.TRUE.equals(backfill)) {
            if (site == null && trim(c.site_url()).isEmpty()) {
                problems.add("site.url: required when backfill.enabled=true");
            }
            if (key.isEmpty()) {
                problems.add("consumer.key: required when backfill.enabled=true");
            }
            if (keySecret.isEmpty()) {
                problems.add("consumer.secret: required when backfill.enabled=true");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new WooSettings(id, secret, site, key, keySecret, backfill, since, interval, retries.intValue(), backoff,
                normalizer);
    }

    String webhookPath() {
        return "/webhooks/woocommerce/" + id;
    }

    /** The HTTP Basic credentials of the REST API (consumer key as user, consumer secret as password). */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The settings as {@code cdp:connectors} shows them, secrets masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("webhook.path", webhookPath());
        out.put("webhook.secret", MASK);
        out.put("site.url", siteUrl == null ? "" : siteUrl.toString());
        out.put("consumer.key", consumerKey.isEmpty() ? "" : MASK);
        out.put("consumer.secret", consumerSecret.isEmpty() ? "" : MASK);
        out.put("backfill.enabled", Boolean.toString(backfill));
        out.put("backfill.since", backfillSince == null ? "" : backfillSince.toString());
        out.put("backfill.interval.minutes", Long.toString(intervalMinutes));
        out.put("backfill.max.retries", Integer.toString(maxRetries));
        out.put("backfill.backoff.ms", Long.toString(backoffMs));
        out.put("phone.default.region", normalizer.defaultRegion());
        return out;
    }

    @Override
    public String toString() {
        return "WooSettings" + describe();
    }

    private static URI siteUrl(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("site.url: expected an http(s) URL such as https://shop.example.com, got '"
                        + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("site.url: not a URL: '" + value + "'");
        }
    }

    private static boolean bool(String value) {
        String v = trim(value).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("backfill.enabled: expected true or false, got '" + trim(value) + "'");
        }
        return v.equals("true");
    }

    private static Instant instant(String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("backfill.since: expected an ISO-8601 instant such as "
                    + "2024-01-01T00:00:00Z, got '" + v + "'");
        }
    }

    private static long number(String key, String value, long min, long max) {
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

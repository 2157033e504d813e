package org.cdphub.connector.woocommerce.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.bool;
import static org.cdphub.spi.connector.support.config.ConfigValues.instant;
import static org.cdphub.spi.connector.support.config.ConfigValues.masked;
import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.region;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;

/**
 * Validated settings of one woocommerce instance. Secrets ({@code webhook.secret}, {@code consumer.key},
 * {@code consumer.secret}) are kept here only; {@link #describe()} and {@link #toString()} mask them.
 */
record WooSettings(String id, String webhookSecret, URI siteUrl, String consumerKey, String consumerSecret,
        boolean backfill, Instant backfillSince, long intervalMinutes, int maxRetries, long backoffMs,
        IdentifierNormalizer normalizer) {

    static final String MASK = ConfigValues.MASK;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static WooSettings from(WooConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String secret = trim(c.webhook_secret());
        if (secret.isEmpty()) {
            problems.add("webhook.secret: required, the secret WooCommerce signs webhooks with");
        }
        URI site = problems.attempt(() -> siteUrl(trim(c.site_url())));
        Boolean backfill = problems.attempt(() -> bool("backfill.enabled", c.backfill_enabled()));
        Instant since = problems.attempt(() -> instant("backfill.since", c.backfill_since()));
        Long interval = problems.attempt(() -> number("backfill.interval.minutes", c.backfill_interval_minutes(), 0, 10_080));
        Long retries = problems.attempt(() -> number("backfill.max.retries", c.backfill_max_retries(), 0, 20));
        Long backoff = problems.attempt(() -> number("backfill.backoff.ms", c.backfill_backoff_ms(), 1, 600_000));
        IdentifierNormalizer normalizer = problems.attempt(() -> region(c.phone_default_region()));
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
        problems.throwIfAny();
        return new WooSettings(id, secret, site, key, keySecret, backfill, since, interval, retries.intValue(), backoff,
                normalizer);
    }

    String webhookPath() {
        return "/webhooks/woocommerce/" + id;
    }

    /** The HTTP Basic credentials of the REST API (consumer key as user, consumer secret as password). */
    /** Whether order categories are completed by looking up the products (REST API keys are configured). */
    boolean productLookup() {
        return siteUrl != null && consumerKey != null && !consumerKey.isEmpty() && consumerSecret != null
                && !consumerSecret.isEmpty();
    }

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
        out.put("consumer.key", masked(consumerKey));
        out.put("consumer.secret", masked(consumerSecret));
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
}

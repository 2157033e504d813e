package org.cdphub.connector.crm.rest.internal;

import static org.cdphub.spi.connector.support.config.ConfigValues.bool;
import static org.cdphub.spi.connector.support.config.ConfigValues.number;
import static org.cdphub.spi.connector.support.config.ConfigValues.region;
import static org.cdphub.spi.connector.support.config.ConfigValues.trim;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.Problems;

/**
 * Validated settings of one crm-rest instance. {@link #toString()} masks the token, so a record printed by accident
 * does not leak it.
 */
record CrmRestSettings(String id, URI baseUrl, String token, List<String> properties, int limit,
        Duration pollInterval, Instant syncSince, boolean deletions, IdentifierNormalizer normalizer,
        int retryAttempts, Duration retryBackoff, Duration retryMaxWait, Duration httpTimeout) {

    static final String DEFAULT_PROPERTIES = "email,firstname,lastname,phone,mobilephone,address,city,state,zip,"
            + "country,company,date_of_birth,hs_email_optout,hs_merged_object_ids,lastmodifieddate";
    static final String MASK = ConfigValues.MASK;
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

    /**
     * Checks every key and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each problem as {@code <key>: <what is wrong>}, separated by "; "
     */
    static CrmRestSettings from(CrmRestConfig c) {
        Problems problems = new Problems();
        String id = trim(c.id());
        if (id.isEmpty()) {
            problems.add("id: required, e.g. crm-hubspot");
        } else if (!ID.matcher(id).matches()) {
            problems.add("id: '" + id + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String token = trim(c.token());
        if (token.isEmpty()) {
            problems.add("token: required, the access token of a HubSpot private app with scope crm.objects.contacts.read");
        }
        URI baseUrl = problems.attempt(() -> baseUrl(c.base_url()));
        List<String> properties = problems.attempt(() -> properties(c.properties()));
        Long limit = problems.attempt(() -> number("limit", c.limit(), 1, 200));
        Duration interval = problems.attempt(() -> duration("poll.interval", c.poll_interval(), MIN_INTERVAL,
                Duration.ofDays(1)));
        Instant since = problems.attempt(() -> since(c.sync_since()));
        Boolean deletions = problems.attempt(() -> bool("deletions", c.deletions()));
        IdentifierNormalizer normalizer = problems.attempt(() -> region(c.phone_default_region()));
        Long attempts = problems.attempt(() -> number("retry.attempts", c.retry_attempts(), 0, 20));
        Duration backoff = problems.attempt(() -> duration("retry.backoff", c.retry_backoff(), Duration.ZERO,
                Duration.ofMinutes(10)));
        Duration maxWait = problems.attempt(() -> duration("retry.max.wait", c.retry_max_wait(), Duration.ZERO,
                Duration.ofHours(1)));
        Duration timeout = problems.attempt(() -> duration("http.timeout", c.http_timeout(), Duration.ofSeconds(1),
                Duration.ofMinutes(10)));
        problems.throwIfAny();
        return new CrmRestSettings(id, baseUrl, token, properties, limit.intValue(), interval, since, deletions,
                normalizer, attempts.intValue(), backoff, maxWait, timeout);
    }

    /** The settings as {@code cdp:connectors} shows them: the token masked. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("base.url", baseUrl.toString());
        out.put("token", MASK);
        out.put("properties", String.join(",", properties));
        out.put("limit", Integer.toString(limit));
        out.put("poll.interval", pollInterval.toString());
        out.put("sync.since", syncSince.toString());
        out.put("deletions", Boolean.toString(deletions));
        out.put("phone.default.region", normalizer.defaultRegion());
        out.put("retry.attempts", Integer.toString(retryAttempts));
        out.put("retry.backoff", retryBackoff.toString());
        out.put("retry.max.wait", retryMaxWait.toString());
        out.put("http.timeout", httpTimeout.toString());
        return out;
    }

    @Override
    public String toString() {
        return "CrmRestSettings[id=" + id + ", " + describe() + "]";
    }

    private static URI baseUrl(String value) {
        String v = trim(value);
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("base.url: expected an http(s) URL such as https://api.hubapi.com, got '"
                + value + "'");
    }

    /** The configured properties; {@code lastmodifieddate} is always read, since it is the checkpoint. */
    private static List<String> properties(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : trim(value).split(",")) {
            String name = p.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!PROPERTY.matcher(name).matches()) {
                throw new IllegalArgumentException("properties: '" + name
                        + "' is not a HubSpot property name (letters, digits and '_', starting with a letter)");
            }
            out.add(name);
        }
        out.add(ContactMapper.LAST_MODIFIED);
        return List.copyOf(out);
    }

    private static Instant since(String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("sync.since: expected an instant such as 2024-01-01T00:00:00Z or a "
                    + "date such as 2024-01-01, got '" + v + "'");
        }
    }

    private static Duration duration(String key, String value, Duration min, Duration max) {
        String v = trim(value);
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not an ISO-8601 duration such as PT5M or PT30S");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", got " + d);
        }
        return d;
    }
}

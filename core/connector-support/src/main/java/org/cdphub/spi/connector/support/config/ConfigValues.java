package org.cdphub.spi.connector.support.config;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.cdphub.api.identity.IdentifierNormalizer;

/**
 * Parsing of single configuration values as connectors' settings need it. Each method fails with an
 * {@link IllegalArgumentException} whose message starts with the key, ready for {@link Problems#attempt}.
 */
public final class ConfigValues {

    /** What {@code ConnectorInfo.settings} and messages show instead of a secret. */
    public static final String MASK = "****";

    private ConfigValues() {
    }

    /** The value without surrounding white space; empty for null. */
    public static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    /** {@link #MASK} for a secret that is set, empty for one that is not. */
    public static String masked(String secret) {
        return secret == null || secret.isEmpty() ? "" : MASK;
    }

    /** A whole number between {@code min} and {@code max}, both included. */
    public static long number(String key, String value, long min, long max) {
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

    /** {@code true} or {@code false}, in any case. */
    public static boolean bool(String key, String value) {
        String v = trim(value).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + ": expected true or false, got '" + trim(value) + "'");
        }
        return v.equals("true");
    }

    /** An ISO-8601 instant with an offset, such as {@code 2024-01-01T00:00:00Z}; null when empty. */
    public static Instant instant(String key, String value) {
        String v = trim(value);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": expected an ISO-8601 instant such as 2024-01-01T00:00:00Z, got '"
                    + v + "'");
        }
    }

    /** The character set of key {@code charset}. */
    public static Charset charset(String value) {
        String v = trim(value);
        try {
            return Charset.forName(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("charset: unknown character set '" + v + "', e.g. UTF-8 or windows-1252");
        }
    }

    /** The phone normalizer for the region of key {@code phone.default.region}. */
    public static IdentifierNormalizer region(String value) {
        try {
            return new IdentifierNormalizer(trim(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone.default.region: " + e.getMessage());
        }
    }
}

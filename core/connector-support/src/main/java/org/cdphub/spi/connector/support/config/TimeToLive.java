package org.cdphub.spi.connector.support.config;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.cdphub.api.model.Fragment;

/**
 * A connector's time-to-live setting ({@code ttl} of the DMP connector, {@code events.ttl} of the tracking API): how
 * long what it sends is kept after it was observed ({@link Fragment#expiresAt()}), at most {@link #MAX}.
 */
public final class TimeToLive {

    /** 13 months: nothing that expires is kept longer ({@link Fragment#MAX_TIME_TO_LIVE}). */
    public static final Duration MAX = Fragment.MAX_TIME_TO_LIVE;

    private TimeToLive() {
    }

    /**
     * An ISO-8601 duration in days, weeks, hours, minutes or seconds ({@code P90D}, {@code P12W}, {@code PT36H}),
     * positive and at most {@link #MAX}. Months and years have no fixed length, so they are refused (with a hint to
     * use days), and refused as too long when they add up to more than 13 months.
     *
     * @param key the setting's name, which every message starts with
     * @throws IllegalArgumentException naming {@code key}
     */
    public static Duration parse(String key, String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException(key + ": required, an ISO-8601 duration such as P90D");
        }
        Duration ttl;
        try {
            ttl = Duration.parse(v);
        } catch (DateTimeParseException notDuration) {
            ttl = fromPeriod(key, value, v);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(key + ": must be longer than zero, got '" + value.strip() + "'");
        }
        if (ttl.compareTo(MAX) > 0) {
            throw tooLong(key, value);
        }
        return ttl;
    }

    private static Duration fromPeriod(String key, String raw, String v) {
        Period period;
        try {
            period = Period.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + raw.strip()
                    + "' is not an ISO-8601 duration such as P90D, P12W or PT36H");
        }
        if (period.toTotalMonths() > 13 || (period.toTotalMonths() == 13 && period.getDays() > 0)) {
            throw tooLong(key, raw);
        }
        if (period.toTotalMonths() != 0) {
            throw new IllegalArgumentException(key + ": months and years have no fixed length; give '" + raw.strip()
                    + "' in days, e.g. P180D");
        }
        return Duration.ofDays(period.getDays());
    }

    private static IllegalArgumentException tooLong(String key, String raw) {
        return new IllegalArgumentException(key + ": '" + raw.strip() + "' is longer than the 13 months (P"
                + MAX.toDays() + "D) data that expires may be kept");
    }
}

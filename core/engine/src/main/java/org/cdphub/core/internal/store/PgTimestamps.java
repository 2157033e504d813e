package org.cdphub.core.internal.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants as PostgreSQL reads a {@code timestamptz} written as text (in arrays, {@link ColumnArrays}), the same value
 * the driver stores for an instant bound on its own ({@link Jdbc#setInstant}): rounded half up to the microsecond, in
 * UTC, years of era with {@code BC} before year 1, and more than four digits without a sign (a "days since" condition
 * on a placeholder date such as 9999-12-31 is due in the year 10000; PostgreSQL refuses the {@code +10000-…} of
 * {@link Instant#toString()}, and the {@code 0000-…} and {@code -0001-…} of ISO years).
 */
final class PgTimestamps {

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 10, SignStyle.NORMAL).appendPattern("-MM-dd HH:mm:ss.SSSSSS")
            .appendLiteral("+00").toFormatter(Locale.ROOT);

    /** 0001-01-01 00:00:00 and 9999-12-31 23:59:59 UTC: the years {@link #TEXT} writes with four digits. */
    private static final long FIRST = -62_135_596_800L;
    private static final long LAST = 253_402_300_799L;

    private PgTimestamps() {
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00}, as {@link #TEXT} writes it. */
    private static String common(long seconds, int micro) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = "0000-00-00 00:00:00.000000+00".toCharArray();
        digits(out, 0, t.getYear(), 4);
        digits(out, 5, t.getMonthValue(), 2);
        digits(out, 8, t.getDayOfMonth(), 2);
        digits(out, 11, t.getHour(), 2);
        digits(out, 14, t.getMinute(), 2);
        digits(out, 17, t.getSecond(), 2);
        digits(out, 20, micro, 6);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int length) {
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code instant} as text for PostgreSQL; null for null. */
    static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        if (instant.getNano() % 1_000 >= 500) {
            micros = micros.plus(1, ChronoUnit.MICROS);
        }
        long seconds = micros.getEpochSecond();
        if (seconds >= FIRST && seconds <= LAST) { // years 1 to 9999: written here, a formatter is slower
            return common(seconds, micros.getNano() / 1_000);
        }
        ZonedDateTime utc = micros.atZone(ZoneOffset.UTC);
        String text = TEXT.format(utc);
        return utc.getYear() < 1 ? text + " BC" : text;
    }
}

package org.cdphub.core.internal.store;

import java.time.Instant;
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

    private PgTimestamps() {
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
        ZonedDateTime utc = micros.atZone(ZoneOffset.UTC);
        String text = TEXT.format(utc);
        return utc.getYear() < 1 ? text + " BC" : text;
    }
}

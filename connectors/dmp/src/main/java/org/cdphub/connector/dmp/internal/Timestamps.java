package org.cdphub.connector.dmp.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Parsing of the time columns ({@code expires_at}, {@code synced_at}). Pure functions. */
final class Timestamps {

    /**
     * {@code yyyy-MM-dd}, optionally followed by 'T' or a space and a time, optionally followed by an offset written
     * {@code Z}, {@code +02:00} or {@code +0200}. Without an offset the time is UTC.
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private Timestamps() {
    }

    /**
     * An ISO-8601 instant ({@code 2026-05-01T10:15:00Z}), date-time with or without offset, or date
     * ({@code 2026-05-01}, read as midnight UTC at the start of that day).
     *
     * @throws IllegalArgumentException when the value is none of these
     */
    static Instant parse(String value) {
        String v = value.strip();
        if (v.length() > 10 && v.charAt(10) == ' ') {
            v = v.substring(0, 10) + 'T' + v.substring(11);
        }
        try {
            TemporalAccessor t = TIMESTAMP.parse(v);
            LocalDate date = LocalDate.from(t);
            LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
            ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return date.atTime(time).toInstant(offset);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid date '" + value
                    + "' (expected an ISO-8601 instant such as 2026-05-01T10:15:00Z, or yyyy-MM-dd)");
        }
    }
}

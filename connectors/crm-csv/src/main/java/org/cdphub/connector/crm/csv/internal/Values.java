package org.cdphub.connector.crm.csv.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Optional;
import org.cdphub.api.model.ConsentStatus;

/** Parsing of cell values that are not plain text. Pure functions. */
final class Values {

    static final String CONSENT_VALUES = "true/false, yes/no, 1/0, opt-in/opt-out, granted/denied";

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

    private Values() {
    }

    /**
     * A consent cell: empty means nothing recorded. With {@code optOut} the cell is an opt-out flag, so true/yes/1
     * mean denied, and false/no/0 ("has not opted out") record nothing: not objecting is not consent (GDPR art. 7).
     * The words opt-in/opt-out/granted/denied keep their meaning either way.
     *
     * @throws IllegalArgumentException when the value is none of the accepted words
     */
    static Optional<ConsentStatus> consent(String value, boolean optOut) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "":
                return Optional.empty();
            case "opt-in":
            case "granted":
                return Optional.of(ConsentStatus.GRANTED);
            case "opt-out":
            case "denied":
                return Optional.of(ConsentStatus.DENIED);
            case "true":
            case "yes":
            case "1":
                return Optional.of(optOut ? ConsentStatus.DENIED : ConsentStatus.GRANTED);
            case "false":
            case "no":
            case "0":
                return optOut ? Optional.empty() : Optional.of(ConsentStatus.DENIED);
            default:
                throw new IllegalArgumentException("invalid consent value '" + value + "' (expected " + CONSENT_VALUES
                        + ", or empty)");
        }
    }

    /**
     * An ISO-8601 instant ({@code 2024-05-01T10:15:00Z}), date-time with or without offset, or date
     * ({@code 2024-05-01}, read as midnight UTC).
     *
     * @throws IllegalArgumentException when the value is none of these
     */
    static Instant timestamp(String value) {
        return timestamp(value, "", null);
    }

    /**
     * As {@link #timestamp(String)}, but first in {@code format} when there is one: a pattern with a date, with or
     * without a time and an offset or zone (without one, UTC).
     *
     * @throws IllegalArgumentException when the value is in neither
     */
    static Instant timestamp(String value, String pattern, DateTimeFormatter format) {
        if (format != null) {
            // the parsed fields are read with queries, not with parseBest(ZonedDateTime::from, ...): that throws (and
            // fills in a stack trace) for every value of a format without a zone before it tries the next query
            Instant instant = null;
            try {
                instant = instant(format.parse(value.strip()));
            } catch (DateTimeParseException e) {
                // not in the configured format: ISO below
            }
            if (instant != null) {
                return instant;
            }
            try {
                return iso(value);
            } catch (IllegalArgumentException notIso) {
                throw new IllegalArgumentException("invalid date '" + value + "' (expected " + pattern
                        + ", an ISO-8601 instant or date-time such as 2024-05-01T10:15:00Z, or yyyy-MM-dd)");
            }
        }
        return iso(value);
    }

    /**
     * What {@code parseBest(ZonedDateTime::from, LocalDateTime::from, LocalDate::from)} made of a parsed value: the
     * instant of a date-time with an offset or zone (the offset first where the text has both, as in a clock-change
     * hour), a date-time in UTC, or midnight UTC of a date; null without a date.
     */
    private static Instant instant(TemporalAccessor parsed) {
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            return null;
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        if (time == null) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) { // resolved from an offset in the text
            return Instant.ofEpochSecond(parsed.getLong(ChronoField.INSTANT_SECONDS),
                    parsed.getLong(ChronoField.NANO_OF_SECOND));
        }
        ZoneId zone = parsed.query(TemporalQueries.zone());
        return zone == null ? date.atTime(time).toInstant(ZoneOffset.UTC) : date.atTime(time).atZone(zone).toInstant();
    }

    private static Instant iso(String value) {
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
                    + "' (expected an ISO-8601 instant or date-time such as 2024-05-01T10:15:00Z, or yyyy-MM-dd)");
        }
    }
}

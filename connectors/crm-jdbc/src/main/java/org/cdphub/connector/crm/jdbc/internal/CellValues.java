package org.cdphub.connector.crm.jdbc.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.cdphub.api.model.ConsentStatus;

/** Conversions of database values for the mapping. Pure functions. */
final class CellValues {

    static final String CONSENT_VALUES = "true/false, yes/no, 1/0, opt-in/opt-out, granted/denied";

    private CellValues() {
    }

    /** The value as text for identifiers and consents; null stays null. */
    static String text(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    /**
     * A trait value: text (stripped; empty means none), numbers and booleans as they are, dates as
     * {@code yyyy-MM-dd}, times as ISO-8601 instants (without an offset, in {@code zone}), anything else as text.
     */
    static Optional<Object> trait(Object value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(value);
        }
        if (value instanceof LocalDate d) {
            return Optional.of(d.toString());
        }
        if (value instanceof LocalDateTime t) {
            return Optional.of(t.atZone(zone).toInstant().toString());
        }
        if (value instanceof OffsetDateTime t) {
            return Optional.of(t.toInstant().toString());
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * A date trait as {@code yyyy-MM-dd}: a date column, the date of a timestamp (in {@code zone}), or text written
     * {@code yyyy-MM-dd} or as an ISO-8601 date-time.
     *
     * @throws IllegalArgumentException when the value is no date
     */
    static Optional<String> date(Object value, ZoneId zone) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof LocalDate d) {
            return Optional.of(d.toString());
        }
        if (value instanceof LocalDateTime t) {
            return Optional.of(t.toLocalDate().toString());
        }
        if (value instanceof OffsetDateTime t) {
            return Optional.of(t.atZoneSameInstant(zone).toLocalDate().toString());
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text).toString());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toLocalDate().toString());
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T')).atZoneSameInstant(zone)
                            .toLocalDate().toString());
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("invalid date '" + text
                            + "' (expected yyyy-MM-dd or an ISO-8601 date-time)");
                }
            }
        }
    }

    /**
     * A consent cell (boolean, number or text); as crm-csv reads it: with {@code optOut}, true/yes/1 deny and
     * false/no/0 record nothing (not objecting is not consent); opt-in/opt-out/granted/denied keep their meaning.
     *
     * @throws IllegalArgumentException when the value is none of the accepted words
     */
    static Optional<ConsentStatus> consent(Object value, boolean optOut) {
        String v = value == null ? "" : String.valueOf(value).strip().toLowerCase(Locale.ROOT);
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
            case "t":
            case "yes":
            case "1":
                return Optional.of(optOut ? ConsentStatus.DENIED : ConsentStatus.GRANTED);
            case "false":
            case "f":
            case "no":
            case "0":
                return optOut ? Optional.empty() : Optional.of(ConsentStatus.DENIED);
            default:
                throw new IllegalArgumentException("invalid consent value '" + value + "' (expected "
                        + CONSENT_VALUES + ", or empty)");
        }
    }

    /**
     * Whether a soft-delete value marks the row deleted: null, false, 0 and the words false/no/0 do not; true, a
     * non-zero number, a timestamp or any other text do.
     */
    static boolean deleted(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String v = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("false") || v.equals("f") || v.equals("no") || v.equals("n")
                || v.equals("0"));
    }
}

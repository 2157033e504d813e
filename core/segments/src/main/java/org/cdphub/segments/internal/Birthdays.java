package org.cdphub.segments.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;

/**
 * Birthday windows in the person's local time: the window is the {@code withinDays} local days starting today; 29
 * February is celebrated on 28 February in non-leap years.
 */
final class Birthdays {

    /** Days looked ahead for the next change; a window changes at least once a year unless it covers the year. */
    private static final int HORIZON_DAYS = 370;

    private Birthdays() {
    }

    static ZoneId zone(EvaluationInput input, ZoneId defaultZone) {
        Object value = input.trait(EvaluationInput.TIME_ZONE_TRAIT);
        if (value instanceof String id && !id.isBlank()) {
            try {
                return ZoneId.of(id.trim());
            } catch (DateTimeException e) {
                return defaultZone;
            }
        }
        return defaultZone;
    }

    /** The birthday celebrated in {@code year}. */
    static LocalDate celebrated(LocalDate birthDate, int year) {
        if (birthDate.getMonthValue() == 2 && birthDate.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
            return LocalDate.of(year, 2, 28);
        }
        return birthDate.withYear(year);
    }

    /** Days from {@code today} to the next birthday celebrated on or after it (0 when it is today). */
    static long daysUntil(LocalDate birthDate, LocalDate today) {
        LocalDate next = celebrated(birthDate, today.getYear());
        if (next.isBefore(today)) {
            next = celebrated(birthDate, today.getYear() + 1);
        }
        return ChronoUnit.DAYS.between(today, next);
    }

    static boolean inWindow(LocalDate birthDate, LocalDate today, int withinDays) {
        return daysUntil(birthDate, today) < withinDays;
    }

    static boolean test(Condition.Birthday c, EvaluationInput input, Instant now, ZoneId defaultZone) {
        LocalDate birthDate = Values.date(input.trait(c.trait()));
        if (birthDate == null) {
            return false;
        }
        return inWindow(birthDate, LocalDate.ofInstant(now, zone(input, defaultZone)), c.withinDays());
    }

    /** The start (local midnight) of the first day after {@code after} on which the result differs. */
    static Optional<Instant> change(Condition.Birthday c, EvaluationInput input, Instant after, ZoneId defaultZone) {
        LocalDate birthDate = Values.date(input.trait(c.trait()));
        if (birthDate == null) {
            return Optional.empty();
        }
        ZoneId zone = zone(input, defaultZone);
        LocalDate today = LocalDate.ofInstant(after, zone);
        boolean current = inWindow(birthDate, today, c.withinDays());
        // the direct answer: the window opens withinDays - 1 days before the birthday and closes the day after it
        long until = daysUntil(birthDate, today);
        long offset = current ? until + 1 : until - (c.withinDays() - 1);
        if (offset >= 1 && offset <= HORIZON_DAYS) {
            LocalDate day = today.plusDays(offset);
            if (inWindow(birthDate, day, c.withinDays()) != current
                    && inWindow(birthDate, day.minusDays(1), c.withinDays()) == current) {
                return Optional.of(day.atStartOfDay(zone).toInstant());
            }
        }
        // windows of (almost) a year, 29 February: look day by day
        for (int i = 1; i <= HORIZON_DAYS; i++) {
            LocalDate day = today.plusDays(i);
            if (inWindow(birthDate, day, c.withinDays()) != current) {
                return Optional.of(day.atStartOfDay(zone).toInstant());
            }
        }
        return Optional.empty();
    }
}

package org.cdphub.core.internal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The times the store holds: the years 1 to 9999. PostgreSQL's {@code timestamptz} ends in year 294276 and starts in
 * 4713 BC, and ISO-8601 text with more than four digits of year is not read back everywhere; what lies outside is
 * refused before a transaction starts (a fragment) or treated as never (a segment's next flip), so that one absurd
 * value does not fail the write of everything stored with it.
 */
public final class StoreTimes {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StoreTimes() {
    }

    /** Whether the store holds {@code time} as it is (null: no time, which it holds too). */
    public static boolean holds(Instant time) {
        return time == null || (!time.isBefore(EARLIEST) && !time.isAfter(LATEST));
    }

    /**
     * {@code time} to the microsecond, rounded half up as both stores round what they keep (null for null): a fragment
     * keeps in its document the same times as in its columns.
     */
    public static Instant toMicros(Instant time) {
        if (time == null || time.getNano() % 1_000 == 0) {
            return time;
        }
        Instant micros = time.truncatedTo(ChronoUnit.MICROS);
        return time.getNano() % 1_000 >= 500 && micros.isBefore(LATEST) ? micros.plus(1, ChronoUnit.MICROS) : micros;
    }
}

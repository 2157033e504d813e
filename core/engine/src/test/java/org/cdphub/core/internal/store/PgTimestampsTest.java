package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text of an instant for PostgreSQL; that the store reads it back is StoreRowsTest's. */
class PgTimestampsTest {

    private static final DateTimeFormatter EXPECTED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'");

    @Test
    void writesFourDigitYearsAsTheFormatterWouldRoundedHalfUpToTheMicrosecond() {
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
                    random.nextInt(1_000_000_000));
            Instant rounded = instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            assertThat(PgTimestamps.text(instant)).as("%s", instant)
                    .isEqualTo(EXPECTED.format(rounded.atZone(ZoneOffset.UTC)));
        }
        assertThat(PgTimestamps.text(Instant.parse("9999-12-31T23:59:59.999999500Z")))
                .isEqualTo("10000-01-01 00:00:00.000000+00");
        assertThat(PgTimestamps.text(Instant.parse("0000-12-31T23:59:59.999999Z")))
                .isEqualTo("0001-12-31 23:59:59.999999+00 BC");
        assertThat(PgTimestamps.text(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31 23:59:59.999999+00");
        assertThat(PgTimestamps.text(Instant.parse("0000-12-31T23:59:59.999999500Z")))
                .isEqualTo("0001-01-01 00:00:00.000000+00");
        assertThat(PgTimestamps.text(null)).isNull();
    }
}

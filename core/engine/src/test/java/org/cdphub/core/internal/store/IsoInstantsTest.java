package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000));
            for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS,
                    ChronoUnit.NANOS}) {
                String text = instant.truncatedTo(unit).toString();
                assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        for (String text : new String[] {"2024-02-29T23:59:59.5Z", "2026-11-29T09:00:00.1234Z", "1970-01-01T00:00:00Z",
                "2026-11-29T09:00:00+01:00", "2016-12-31T23:59:60Z", "2026-11-29T24:00:00Z", "2026-11-29T09:00:00.Z"}) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2023-02-29T09:00:00Z", "2026-13-01T09:00:00Z", "2026-11-31T09:00:00Z",
                "2026-11-29T09:60:00Z", "2026-11-29T09:00:0xZ",
                "2026-11-29 09:00:00Z", "2026-11-29T09:00:00.1234567890Z", "tomorrow"}) {
            assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}

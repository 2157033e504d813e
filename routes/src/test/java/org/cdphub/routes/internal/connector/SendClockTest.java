package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SendClockTest {

    @Test
    void sendTimesAreMicrosecondsAndEachLaterThanTheLastEvenWhenTheClockStandsStillOrStepsBack() {
        Instant t = Instant.parse("2026-12-01T10:00:00.123456789Z");
        Deque<Instant> readings = new ArrayDeque<>(List.of(t, t, t.minusSeconds(2), t.plusSeconds(1)));
        SendClock clock = new SendClock(readings::poll);

        List<Instant> sent = Stream.generate(clock::next).limit(4).toList();

        assertThat(sent).containsExactly(Instant.parse("2026-12-01T10:00:00.123456Z"),
                Instant.parse("2026-12-01T10:00:00.123457Z"), Instant.parse("2026-12-01T10:00:00.123458Z"),
                Instant.parse("2026-12-01T10:00:01.123456Z"));
    }
}

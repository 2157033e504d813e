package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MembershipsTest {

    private static final Instant T = Instant.parse("2026-11-29T09:00:00Z");

    @Test
    void aSharedInstantIsWrittenOnceAndEveryMembershipKeepsItsMarker() {
        Map<String, Instant> in = new TreeMap<>(Map.of("s00", T, "s03", T, "s07", T.plusNanos(123_456_000), "s09",
                T.plusNanos(123_456_000), "s10", T));
        String text = Memberships.encode(in);
        assertThat(text).isEqualTo(",s00@2026-11-29T09:00:00Z,s03@,s07@2026-11-29T09:00:00.123456Z,s09@,"
                + "s10@2026-11-29T09:00:00Z,");
        in.keySet().forEach(segment -> assertThat(text).contains(Memberships.marker(segment)));
        assertThat(Memberships.decode(text)).isEqualTo(in);
    }

    @Test
    void randomMembershipsReadBackAsWritten() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            Map<String, Instant> in = new TreeMap<>();
            int n = random.nextInt(15);
            for (int k = 0; k < n; k++) {
                in.put("s" + random.nextInt(60), T.plusSeconds(random.nextInt(3)).plusNanos(random.nextInt(3) * 1_000L));
            }
            String text = Memberships.encode(in);
            assertThat(Memberships.decode(text)).isEqualTo(in);
        }
    }

    @Test
    void theLongFormOfEarlierVersionsStillReads() {
        assertThat(Memberships.decode(",buyers@2026-11-28T09:00:00.000000Z,vip@2026-11-28T09:00:00.000000Z,"))
                .containsExactly(Map.entry("buyers", Instant.parse("2026-11-28T09:00:00Z")),
                        Map.entry("vip", Instant.parse("2026-11-28T09:00:00Z")));
        assertThat(Memberships.encode(Map.of())).isNull();
        assertThat(Memberships.decode(null)).isEmpty();
    }

    @Test
    void aTextThatDoesNotReadIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> Memberships.decode(",s00@,")).hasMessageContaining("do not read");
        assertThatThrownBy(() -> Memberships.decode(",s00,")).hasMessageContaining("do not read");
        assertThatThrownBy(() -> Memberships.decode(",s00@yesterday,")).hasMessageContaining("do not read");
    }
}

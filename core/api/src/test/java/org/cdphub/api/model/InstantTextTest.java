package org.cdphub.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /** Seconds across the four-digit years, and nanoseconds of each precision ISO_INSTANT writes. */
    private static Instant random(Random random) {
        long seconds = FIRST + (long) (random.nextDouble() * (LAST - FIRST + 1));
        int nano = random.nextInt(1_000_000_000);
        nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> nano / 1_000_000 * 1_000_000;
            case 2 -> nano / 1_000 * 1_000;
            default -> nano;
        };
        return Instant.ofEpochSecond(Math.min(seconds, LAST), nano);
    }

    @Test
    void writesWhatInstantToStringWrites() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = random(random);
            assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(FIRST),
                Instant.ofEpochSecond(FIRST - 1, 999_999_999), Instant.ofEpochSecond(LAST, 999_999_999),
                Instant.ofEpochSecond(LAST + 1), Instant.MIN, Instant.MAX, Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(0, 100_000_000), Instant.ofEpochSecond(0, 1_000),
                Instant.parse("2024-02-29T23:59:59.999999999Z"))) {
            assertThat(InstantText.format(edge)).as("%s", edge).isEqualTo(edge.toString());
        }
    }

    @Test
    void readsWhatInstantParseReadsWithAnyNumberOfFractionDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String text = random(random).toString();
            if (text.contains(".")) { // also 1, 2, 4, 5, 7 and 8 digits, which ISO_INSTANT reads but does not write
                int digits = 1 + random.nextInt(9);
                text = text.substring(0, 20) + text.substring(20, text.length() - 1).concat("00000000")
                        .substring(0, digits) + "Z";
            }
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesWhatIsNotTheCommonFormToTheJdk() {
        for (String text : List.of("2020-01-01T24:00:00Z", "2020-01-01T23:59:60Z", "2021-02-29T10:00:00Z",
                "2020-13-01T10:00:00Z", "2020-00-01T10:00:00Z", "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "2020-01-01t10:00:00z", "2020-01-01T10:00:00+02:00", "2020-01-01T10:00:00.Z", "2020-1-01T10:00:00Z",
                "2020-01-01T10:00:00.1234567890Z", "2020-01-01 10:00:00Z", "2020-01-01T1a:00:00Z", "")) {
            assertThat(InstantText.parse(text)).as(text).isNull();
        }
    }

    private record Stamped(Instant at) {
    }

    @Test
    void theMappingReadsAndWritesInstantsAsBefore() throws Exception {
        Instant at = Instant.parse("2026-12-02T23:06:01.430038073Z");
        assertThat(CdpJson.write(new Stamped(at))).isEqualTo("{\"at\":\"2026-12-02T23:06:01.430038073Z\"}");
        assertThat(CdpJson.write(new Stamped(Instant.parse("+10000-01-01T00:00:00Z"))))
                .isEqualTo("{\"at\":\"+10000-01-01T00:00:00Z\"}");
        assertThat(CdpJson.read("{\"at\":\"2026-12-02T23:06:01.430038073Z\"}", Stamped.class).at()).isEqualTo(at);
        // Jackson's reading of the rest is unchanged: offsets, the end of a day, numbers of seconds, null
        assertThat(CdpJson.read("{\"at\":\"2020-01-01T10:00:00+02:00\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2020-01-01T08:00:00Z"));
        assertThat(CdpJson.read("{\"at\":\"2020-01-01T24:00:00Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
        assertThat(CdpJson.read("{\"at\":1.5}", Stamped.class).at()).isEqualTo(Instant.ofEpochSecond(1, 500_000_000));
        assertThat(CdpJson.read("{\"at\":null}", Stamped.class).at()).isNull();
        assertThat(CdpJson.read("{\"at\":\" 2020-01-01T10:00:00Z \"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThatThrownBy(() -> CdpJson.read("{\"at\":\"2021-02-29T10:00:00Z\"}", Stamped.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2021-02-29T10:00:00Z");
        // instants as map keys keep Jackson's key serializer
        assertThat(CdpJson.write(Map.of(at, 1))).isEqualTo("{\"2026-12-02T23:06:01.430038073Z\":1}");
        assertThat(CdpJson.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class))
                .as("the mapping writes instants with InstantText").isInstanceOf(InstantText.Serializer.class);
    }
}

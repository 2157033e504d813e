package org.cdphub.spi.connector.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void parsesValuesAroundWhiteSpace() {
        assertThat(ConfigValues.trim(null)).isEmpty();
        assertThat(ConfigValues.number("batch.size", " 500 ", 1, 10_000)).isEqualTo(500);
        assertThat(ConfigValues.bool("backfill.enabled", " TRUE ")).isTrue();
        assertThat(ConfigValues.instant("backfill.since", "2024-01-01T01:00:00+01:00"))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(ConfigValues.instant("backfill.since", " ")).isNull();
        assertThat(ConfigValues.charset(" windows-1252 ").name()).isEqualTo("windows-1252");
        assertThat(ConfigValues.charset("UTF-8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConfigValues.region("NL")).isNotNull();
    }

    @Test
    void failuresNameTheKey() {
        assertThatThrownBy(() -> ConfigValues.number("batch.size", "many", 1, 10))
                .hasMessage("batch.size: 'many' is not a whole number");
        assertThatThrownBy(() -> ConfigValues.number("batch.size", "0", 1, 10))
                .hasMessage("batch.size: must be between 1 and 10, got 0");
        assertThatThrownBy(() -> ConfigValues.bool("deletions", " yes "))
                .hasMessage("deletions: expected true or false, got 'yes'");
        assertThatThrownBy(() -> ConfigValues.instant("backfill.since", "yesterday"))
                .hasMessage("backfill.since: expected an ISO-8601 instant such as 2024-01-01T00:00:00Z, got 'yesterday'");
        assertThatThrownBy(() -> ConfigValues.charset("klingon"))
                .hasMessage("charset: unknown character set 'klingon', e.g. UTF-8 or windows-1252");
        assertThatThrownBy(() -> ConfigValues.region("Narnia")).hasMessageStartingWith("phone.default.region: ");
    }

    @Test
    void masksSecretsThatAreSet() {
        assertThat(ConfigValues.masked("hush")).isEqualTo("****");
        assertThat(ConfigValues.masked("")).isEmpty();
        assertThat(ConfigValues.masked(null)).isEmpty();
    }

    @Test
    void problemsAreCollectedAndReportedTogether() {
        Problems problems = new Problems();
        Long size = problems.attempt(() -> ConfigValues.number("batch.size", "x", 1, 10));
        Long delay = problems.attempt(() -> ConfigValues.number("poll.delay.ms", "5", 1, 10));
        problems.add("id: required");

        assertThat(size).isNull();
        assertThat(delay).isEqualTo(5L);
        assertThat(problems.isEmpty()).isFalse();
        assertThatThrownBy(problems::throwIfAny).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch.size: 'x' is not a whole number; id: required");
        new Problems().throwIfAny();
    }
}

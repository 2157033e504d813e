package org.cdphub.core.internal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke run of the intake harness at a tiny size, so that it cannot rot; it asserts outcomes, not speed. */
class IntakeBenchTest {

    @Test
    void mergesEveryGeneratedRecordAndMeasuresBothRates(@TempDir Path work) throws Exception {
        IntakeBench.Result result = IntakeBench.run(300, 100, "H2", work);

        assertThat(result.records()).isEqualTo(300);
        assertThat(result.profiles()).isBetween(1L, 299L); // the generator writes several records per person
        assertThat(result.mergePerSecond()).isPositive();
        assertThat(result.insertPerSecond()).isPositive();
        assertThat(result.json()).startsWith("{\"store\":\"H2\",\"records\":300,").contains("\"ratio\":");
    }
}

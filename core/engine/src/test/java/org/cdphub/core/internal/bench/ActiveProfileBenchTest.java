package org.cdphub.core.internal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A smoke run of the active-profile bench at a tiny size, so that it cannot rot; it asserts outcomes, not speed. */
class ActiveProfileBenchTest {

    @Test
    void mergesEveryEventIntoOneProfileAndReportsEachDoubling() throws Exception {
        ActiveProfileBench.Result result = ActiveProfileBench.run(100, 10, "H2");

        assertThat(result.checkpoints()).extracting(c -> c[0]).containsExactly(10, 20, 40, 80, 100);
        assertThat(result.documentBytes()).as("one profile with 100 events").isGreaterThan(100 * 50);
        assertThat(result.json()).startsWith("{\"store\":\"H2\",\"eventsPerBatch\":10,\"batches\":[{\"fragments\":10,");
    }
}

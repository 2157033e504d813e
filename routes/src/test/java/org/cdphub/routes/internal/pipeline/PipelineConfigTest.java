package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation of etc/org.cdphub.pipeline.cfg: a bad value fails activation with a message naming the key. */
class PipelineConfigTest {

    @Test
    void batchSizesOutsideTheirRangeAreRefusedNamingTheKey() {
        assertThat(PipelineComponent.range("merge.batch.messages", 100, 1, 1000)).isEqualTo(100);
        assertThatThrownBy(() -> PipelineComponent.range("merge.batch.messages", 0, 1, 1000))
                .hasMessage("org.cdphub.pipeline merge.batch.messages: expected 1 to 1000, got 0");
        assertThatThrownBy(() -> PipelineComponent.range("segments.batch.messages", 1001, 1, 1000))
                .hasMessageContaining("segments.batch.messages");
    }

    @Test
    void intervalsAreIsoDurationsOfAtLeastOneSecond() {
        assertThat(PipelineComponent.duration("expiry.interval", " PT2M ")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> PipelineComponent.duration("expiry.interval", "PT0.5S"))
                .hasMessageStartingWith("org.cdphub.pipeline expiry.interval: expected an ISO-8601 duration");
        assertThatThrownBy(() -> PipelineComponent.duration("segments.schedule.interval", "10s"))
                .hasMessageContaining("got '10s'");
    }

    @Test
    void pendingChangesWaitAtLeastTenSeconds() {
        assertThat(PipelineComponent.pendingAfter("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> PipelineComponent.pendingAfter("PT5S"))
                .hasMessageStartingWith("org.cdphub.pipeline pending.changes.after: expected at least PT10S");
        assertThatThrownBy(() -> PipelineComponent.pendingAfter("soon"))
                .hasMessageStartingWith("org.cdphub.pipeline pending.changes.after: expected an ISO-8601 duration");
    }
}

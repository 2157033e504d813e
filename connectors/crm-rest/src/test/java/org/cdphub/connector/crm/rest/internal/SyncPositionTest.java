package org.cdphub.connector.crm.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.cdphub.spi.connector.test.TestConnectorContext.InMemoryCheckpoints;
import org.junit.jupiter.api.Test;

class SyncPositionTest {

    private static final Instant T = Instant.parse("2024-03-17T08:15:00.123Z");

    @Test
    void aNewerContactMovesThePositionAndContactsOfTheSameMillisecondAreRemembered() {
        SyncPosition p = new SyncPosition(Instant.EPOCH, Set.of())
                .after("1", T.minusSeconds(1)).after("2", T).after("3", T).after("0", T.minusSeconds(5));

        assertThat(p.since()).isEqualTo(T);
        assertThat(p.sentIds()).containsExactlyInAnyOrder("2", "3");
        assertThat(p.sent("2", T)).isTrue();
        assertThat(p.sent("2", T.plusMillis(1))).as("a newer version of it").isFalse();
        assertThat(p.sinceMillis()).isEqualTo("1710663300123");
    }

    @Test
    void itSurvivesARestartThroughTheCheckpoints() {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
        new SyncPosition(T, Set.of("2", "3")).save(checkpoints);

        assertThat(SyncPosition.load(checkpoints, Instant.EPOCH)).isEqualTo(new SyncPosition(T, Set.of("2", "3")));
        assertThat(SyncPosition.load(new InMemoryCheckpoints(), Instant.EPOCH))
                .isEqualTo(new SyncPosition(Instant.EPOCH, Set.of()));
    }

    @Test
    void theRememberedIdsAlwaysFitOneCheckpointValue() {
        SyncPosition p = new SyncPosition(T, Set.of());
        for (int i = 0; i < 2000; i++) {
            p = p.after(Integer.toString(1_000_000_000 + i), T);
            assertThat(String.join(",", p.sentIds()).length()).isLessThanOrEqualTo(SyncPosition.MAX_IDS_LENGTH);
        }
        assertThat(p.since()).isEqualTo(T);
    }
}

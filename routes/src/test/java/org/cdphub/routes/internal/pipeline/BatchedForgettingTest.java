package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cdphub.api.service.PendingChanges;
import org.junit.jupiter.api.Test;

class BatchedForgettingTest {

    private final List<List<Long>> deletes = new ArrayList<>();
    private boolean down;
    private final BatchedForgetting forgetting = new BatchedForgetting(new PendingChanges() {
        @Override
        public List<Pending> claimDue(Instant before, Instant now, int max) {
            return List.of(new Pending(5, before.minusSeconds(1), List.of("p"), List.of()));
        }

        @Override
        public void announced(Collection<Long> ids) {
            if (down) {
                throw new IllegalStateException("store down");
            }
            deletes.add(List.copyOf(ids));
        }
    });

    @Test
    void announcedChangesAreQueuedAndForgottenInOneStoreCallPerFlush() {
        forgetting.announced(List.of(1L, 2L));
        forgetting.announced(List.of(3L));
        assertThat(deletes).as("nothing before the flush").isEmpty();

        assertThat(forgetting.flush()).isEqualTo(3);
        assertThat(forgetting.flush()).isZero();
        assertThat(deletes).containsExactly(List.of(1L, 2L, 3L));
        assertThat(forgetting.claimDue(Instant.EPOCH, Instant.EPOCH, 10)).extracting(PendingChanges.Pending::id)
                .containsExactly(5L);
    }

    @Test
    void aFlushTakesAtMostItsShareAndTheNextGoesOn() {
        List<Long> many = new ArrayList<>();
        for (long i = 1; i <= BatchedForgetting.MAX_PER_FLUSH + 5; i++) {
            many.add(i);
        }
        forgetting.announced(many);
        assertThat(forgetting.flush()).isEqualTo(BatchedForgetting.MAX_PER_FLUSH);
        assertThat(forgetting.flush()).isEqualTo(5);
        assertThat(deletes.get(1)).containsExactly(10_001L, 10_002L, 10_003L, 10_004L, 10_005L);
    }

    @Test
    void idsTheStoreCannotTakeAreQueuedAgainAndFlushedAtStop() {
        forgetting.announced(List.of(1L, 2L));
        down = true;
        assertThatThrownBy(forgetting::flush).hasMessage("store down");
        forgetting.flushAll(); // logged, not thrown
        down = false;
        forgetting.flushAll();
        assertThat(deletes).containsExactly(List.of(1L, 2L));
        assertThat(forgetting.flush()).isZero();
    }

    @Test
    void beyondTheCapFurtherIdsAreLeftPending() {
        List<Long> many = new ArrayList<>();
        for (long i = 1; i <= BatchedForgetting.MAX_QUEUED + 3; i++) {
            many.add(i);
        }
        forgetting.announced(many);
        forgetting.flushAll();
        assertThat(deletes.stream().mapToInt(List::size).sum()).isEqualTo(BatchedForgetting.MAX_QUEUED);
        forgetting.announced(List.of(-1L)); // room again
        assertThat(forgetting.flush()).isEqualTo(1);
    }
}

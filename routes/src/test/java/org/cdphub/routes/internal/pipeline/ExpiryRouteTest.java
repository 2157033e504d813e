package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.Test;

/** The expiry sweep forgets the tombstones of expired records after each sweep (the sweep: PipelineRoutesTest). */
class ExpiryRouteTest extends CamelTestSupport {

    /** Tombstones the store has to forget; each call forgets up to its maximum of them. */
    private final AtomicInteger tombstones = new AtomicInteger();
    private final List<Integer> forgotten = new CopyOnWriteArrayList<>();

    private final IdentityResolution engine = new IdentityResolution() {
        @Override
        public MergeResult merge(List<Fragment> fragments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int forgetTombstones(int max) {
            int n = Math.min(max, tombstones.getAndUpdate(t -> t - Math.min(max, t)));
            forgotten.add(n);
            return n;
        }
    };

    private final PendingChanges pending = new PendingChanges() {
        @Override
        public List<Pending> claimDue(Instant before, Instant now, int max) {
            return List.of();
        }

        @Override
        public void announced(Collection<Long> ids) {
        }
    };

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new ExpiryRoute(Duration.ofMillis(50), 10, "mock:changed", engine, pending);
    }

    @Test
    void theSweepForgetsTheTombstonesOfExpiredRecordsInRoundsOfItsBatch() throws Exception {
        tombstones.set(25); // the batch is 10: rounds of 10, 10 and 5, the last one short, so the tick stops there
        TestBroker.await(() -> tombstones.get() == 0 && forgotten.contains(5));
        // a copy: the timer goes on ticking, and a view of the live list would fail on its next round
        List<Integer> rounds = List.copyOf(forgotten);
        int at = rounds.indexOf(5);
        assertThat(rounds.subList(at - 2, at + 1)).containsExactly(10, 10, 5);
        assertThat(rounds.subList(0, at - 2)).as("ticks before: one round each, that found none")
                .allMatch(n -> n == 0);
        assertThat(rounds.subList(at + 1, rounds.size())).as("ticks after").allMatch(n -> n == 0);
    }
}

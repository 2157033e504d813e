package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PreparedBatch;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.Test;

/**
 * The merge stage prepares its next engine call on another thread while the store works on the current one, and hands
 * the engine the batch it prepared.
 */
class MergeAheadTest extends CamelTestSupport {

    private final CountDownLatch secondPrepared = new CountDownLatch(1);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Thread> preparers = new CopyOnWriteArrayList<>();
    private volatile Thread merger;
    private volatile boolean overlapped;

    /** The engine's own prepared batches, which it must get back. */
    private record Mine(List<Fragment> fragments, List<Instant> sentAt) implements PreparedBatch {
    }

    private final IdentityResolution engine = new IdentityResolution() {
        @Override
        public PreparedBatch prepare(List<Fragment> fragments, List<Instant> sentAt) {
            calls.add("prepare " + fragments.get(0).sourceRecordId());
            preparers.add(Thread.currentThread());
            if (fragments.get(0).sourceRecordId().equals("b")) {
                secondPrepared.countDown();
            }
            return new Mine(fragments, sentAt);
        }

        @Override
        public MergeResult merge(PreparedBatch batch) {
            assertThat(batch).isInstanceOf(Mine.class);
            merger = Thread.currentThread();
            String id = batch.fragments().get(0).sourceRecordId();
            calls.add("merge " + id);
            if (id.equals("a")) {
                try { // the store is slow: meanwhile the next call is prepared
                    overlapped = secondPrepared.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new MergeResult(List.of("p-" + id), List.of(), 0, List.of());
        }

        @Override
        public MergeResult merge(List<Fragment> fragments) {
            throw new AssertionError("the stage merges what it prepared");
        }
    };

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new MergeRoute("direct:fragments", "mock:changed", "mock:dead", engine,
                new BatchedForgetting(new FakePendingChanges()), PipelineRoutesTestSupport.CLOCK)};
    }

    @Test
    void theNextCallIsPreparedOnAnotherThreadWhileTheStoreMergesOne() throws Exception {
        getMockEndpoint("mock:changed").expectedMessageCount(1);
        List<Fragment> big = new java.util.ArrayList<>();
        for (int i = 0; i < MergeRoute.MAX_FRAGMENTS_PER_CALL; i++) {
            big.add(PipelineRoutesTestSupport.fragment(i == 0 ? "a" : "a" + i));
        }
        template.sendBody("direct:fragments", List.of(
                new Received(CdpJson.write(big), Map.of(Headers.SOURCE, "crm")),
                new Received(CdpJson.write(List.of(PipelineRoutesTestSupport.fragment("b"))),
                        Map.of(Headers.SOURCE, "crm"))));

        getMockEndpoint("mock:changed").assertIsSatisfied();
        assertThat(overlapped).as("the second call was prepared while the first was merged").isTrue();
        assertThat(calls).containsExactlyInAnyOrder("prepare a", "merge a", "prepare b", "merge b");
        assertThat(calls.get(0)).isEqualTo("prepare a");
        assertThat(calls.get(3)).isEqualTo("merge b");
        assertThat(preparers.get(0)).as("the first call is prepared by the stage itself").isSameAs(merger);
        assertThat(preparers.get(1)).as("the next one on another thread").isNotSameAs(merger);
        assertThat(CdpJson.read(getMockEndpoint("mock:changed").getExchanges().get(0).getMessage()
                .getBody(String.class), ProfilesChanged.class).profileIds()).containsExactly("p-a", "p-b");
    }
}

package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Policy;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.junit.jupiter.api.Test;

/**
 * A schedule with more due than one round holds goes on in rounds of bounded size, each sent under the transport's
 * transaction policy, all within the first tick of the timer (not a round per tick), and stops when nothing is due.
 */
class SegmentScheduleRouteTest extends CamelTestSupport {

    /** A policy that wraps nothing: what routes run under where the transport has no transactions (tests). */
    static final Policy PASS_THROUGH = new Policy() {
        @Override
        public void beforeWrap(org.apache.camel.Route route, org.apache.camel.NamedNode definition) {
        }

        @Override
        public Processor wrap(org.apache.camel.Route route, Processor processor) {
            return processor;
        }
    };

    private static final int BATCH = 500;
    private static final int CHANGES_PER_BATCH = 1_000;
    private static final int BATCHES = 45; // 45,000 changes: three rounds of MAX_CHANGES
    private static final Instant AT = Instant.parse("2026-11-29T09:00:00Z");

    private final ConcurrentLinkedDeque<List<MembershipChange>> due = new ConcurrentLinkedDeque<>();
    private final List<String> rounds = new CopyOnWriteArrayList<>(); // per round: tick exchange id and changes

    private final SegmentEvaluation segments = new SegmentEvaluation() {
        @Override
        public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
            return List.of();
        }

        @Override
        public List<MembershipChange> evaluateDue(int max) {
            assertThat(max).isEqualTo(BATCH);
            List<MembershipChange> next = due.poll();
            return next != null ? next : List.of();
        }

        @Override
        public List<SegmentInfo> segments() {
            return List.of();
        }
    };

    private final Policy counting = new Policy() {
        @Override
        public void beforeWrap(org.apache.camel.Route route, org.apache.camel.NamedNode definition) {
        }

        @Override
        public Processor wrap(org.apache.camel.Route route, Processor processor) {
            return exchange -> {
                processor.process(exchange);
                // the body: the round's messages, each a list of changes of one message group
                int changes = ((List<?>) exchange.getMessage().getBody(List.class)).stream()
                        .mapToInt(m -> ((List<?>) m).size()).sum();
                rounds.add(exchange.getExchangeId() + " " + changes);
            };
        }
    };

    @Override
    protected RoutesBuilder createRouteBuilder() {
        for (int b = 0; b < BATCHES; b++) {
            List<MembershipChange> batch = new ArrayList<>();
            for (int k = 0; k < CHANGES_PER_BATCH; k++) {
                batch.add(new MembershipChange("p-" + b + "-" + k, "s", MembershipChange.Kind.ENTERED, AT,
                        "evaluated", List.of(), List.of()));
            }
            due.add(batch);
        }
        return new SegmentScheduleRoute(Duration.ofMillis(200), BATCH, "mock:membership", segments, counting);
    }

    @Test
    void aLongScheduleGoesOnInBoundedRoundsWithinOneTick() throws Exception {
        MockEndpoint membership = getMockEndpoint("mock:membership");
        List<String> received = new ArrayList<>();
        for (int wait = 0; wait < 1200 && received.size() < BATCHES * CHANGES_PER_BATCH; wait++) {
            Thread.sleep(50);
            received.clear();
            membership.getExchanges().forEach(e -> CdpJson.read(e.getMessage().getBody(String.class),
                    CdpJson.MEMBERSHIP_CHANGE_LIST).forEach(c -> received.add(c.profileId())));
        }
        assertThat(received).as("every change published once").hasSize(BATCHES * CHANGES_PER_BATCH)
                .doesNotHaveDuplicates();
        assertThat(membership.getExchanges()).as("changes of many profiles share a message")
                .hasSizeLessThan(BATCHES * CHANGES_PER_BATCH / 10);

        assertThat(due).isEmpty();
        for (int wait = 0; wait < 100 && rounds.size() < 3; wait++) { // the last round is counted after its sends
            Thread.sleep(50);
        }
        // the first tick: rounds of MAX_CHANGES, then the rest, after which nothing more was due
        String firstTick = rounds.get(0).split(" ")[0];
        List<Integer> sizes = rounds.stream().filter(r -> r.startsWith(firstTick + " "))
                .map(r -> Integer.parseInt(r.split(" ")[1])).toList();
        assertThat(sizes).containsExactly(SegmentScheduleRoute.MAX_CHANGES, SegmentScheduleRoute.MAX_CHANGES,
                5_000);
    }
}

package org.cdphub.routes.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Policy;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.spi.connector.RouteIds;

/**
 * Re-evaluates, every {@code interval}, the profiles whose time-dependent segment conditions may have flipped (or all
 * profiles after the definitions changed), {@code batch} profiles per store transaction, and publishes the membership
 * changes like the segment stage does. While there is more to do, a tick goes on without waiting for the next one:
 * rounds of at most {@value #MAX_ROUNDS} batches or about {@value #MAX_CHANGES} changes (what the heap holds at once),
 * each round's changes sent in one broker transaction ({@code transaction}, from the transport: one persistent send
 * each took a broker round trip, and a first evaluation of a million profiles has some twelve million changes to
 * send).
 */
final class SegmentScheduleRoute extends RouteBuilder {

    static final int MAX_ROUNDS = 50;
    /** Changes of one round at most (give or take one batch's): they are held in memory until sent. */
    static final int MAX_CHANGES = 20_000;
    private static final String MORE = "cdp.segments.schedule.more";

    private final Duration interval;
    private final int batch;
    private final String membershipChangesUri;
    private final SegmentEvaluation segments;
    private final Policy transaction;

    SegmentScheduleRoute(Duration interval, int batch, String membershipChangesUri, SegmentEvaluation segments,
            Policy transaction) {
        this.interval = interval;
        this.batch = batch;
        this.membershipChangesUri = membershipChangesUri;
        this.segments = segments;
        this.transaction = transaction;
    }

    @Override
    public void configure() {
        TickFailures.install(this);
        from(TickFailures.timer("cdp-segment-schedule", interval, interval))
                .routeId(RouteIds.core("segments", "schedule"))
                .loopDoWhile(exchangeProperty(MORE).isNotEqualTo(false))
                    .process(this::evaluateDue)
                    .policy(transaction) // only the sends: the policy may send a round again
                        .split(body())
                            .process(SegmentRoute::toMessage)
                            .to(membershipChangesUri)
                        .end()
                    .end()
                .end();
    }

    /** One round: its changes as the body, and whether there may be more to do now. */
    private void evaluateDue(Exchange exchange) {
        List<MembershipChange> changes = new ArrayList<>();
        boolean more = false;
        for (int round = 0; round < MAX_ROUNDS && changes.size() < MAX_CHANGES; round++) {
            List<MembershipChange> next = segments.evaluateDue(batch);
            changes.addAll(next);
            more = !next.isEmpty(); // empty: nothing was due, or what was due changed nothing
            if (!more) {
                break;
            }
        }
        exchange.setProperty(MORE, more && !exchange.getContext().isStopping());
        exchange.getMessage().setBody(SegmentRoute.byGroup(changes));
    }
}

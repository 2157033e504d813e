package org.cdphub.routes.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.spi.connector.RouteIds;

/**
 * Re-evaluates, every {@code interval}, the profiles whose time-dependent segment conditions may have flipped (or all
 * profiles after the definitions changed), {@code batch} profiles per transaction, and publishes the membership
 * changes like the segment stage does. A tick stops after {@link #MAX_ROUNDS} batches; the next goes on.
 */
final class SegmentScheduleRoute extends RouteBuilder {

    static final int MAX_ROUNDS = 50;

    private final Duration interval;
    private final int batch;
    private final String membershipChangesUri;
    private final SegmentEvaluation segments;

    SegmentScheduleRoute(Duration interval, int batch, String membershipChangesUri, SegmentEvaluation segments) {
        this.interval = interval;
        this.batch = batch;
        this.membershipChangesUri = membershipChangesUri;
        this.segments = segments;
    }

    @Override
    public void configure() {
        from("timer:cdp-segment-schedule?delay=" + interval.toMillis() + "&period=" + interval.toMillis())
                .routeId(RouteIds.core("segments", "schedule"))
                .process(this::evaluateDue)
                .split(body())
                    .process(SegmentRoute::toMessage)
                    .to(membershipChangesUri)
                .end();
    }

    private void evaluateDue(Exchange exchange) {
        List<MembershipChange> changes = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<MembershipChange> next = segments.evaluateDue(batch);
            changes.addAll(next);
            if (next.isEmpty()) {
                break;
            }
        }
        exchange.getMessage().setBody(changes);
    }
}

package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.routes.internal.Headers;
import org.cdphub.spi.connector.RouteIds;

/**
 * Segment stage: re-evaluates the segments of changed profiles and publishes every membership change, one message
 * each, grouped by profile so that a profile's changes stay in order.
 */
public final class SegmentRoute extends RouteBuilder {

    static final String STAGE = "core.segments";

    private final String profilesChangedUri;
    private final String membershipChangesUri;
    private final String deadLetterUri;
    private final SegmentEvaluation segments;
    private final Clock clock;

    public SegmentRoute(String profilesChangedUri, String membershipChangesUri, String deadLetterUri,
            SegmentEvaluation segments, Clock clock) {
        this.profilesChangedUri = profilesChangedUri;
        this.membershipChangesUri = membershipChangesUri;
        this.deadLetterUri = deadLetterUri;
        this.segments = segments;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(profilesChangedUri).routeId(RouteIds.core("segments", "evaluate"))
                .process(this::evaluate)
                .split(body())
                    .choice()
                        .when(body().isInstanceOf(MembershipChange.class))
                            .process(SegmentRoute::toMessage)
                            .to(membershipChangesUri)
                        .otherwise()
                            .process(SegmentRoute::toMessage)
                            .to(deadLetterUri)
                    .end()
                .end();
    }

    private void evaluate(Exchange exchange) {
        String json = exchange.getMessage().getBody(String.class);
        ProfilesChanged changed;
        try {
            changed = CdpJson.read(json == null ? "" : json, ProfilesChanged.class);
        } catch (IllegalArgumentException e) {
            DeadLetter dead = new DeadLetter(STAGE, null, null, "not a profiles-changed message: " + e.getMessage(),
                    json, clock.instant());
            exchange.getMessage().setBody(List.of(dead));
            return;
        }
        exchange.getMessage().setBody(segments.evaluate(changed.profileIds(), changed.absorbed()));
    }

    static void toMessage(Exchange exchange) {
        Object item = exchange.getMessage().getBody();
        if (item instanceof MembershipChange change) {
            exchange.getMessage().setHeader(Headers.GROUP, change.profileId());
        } else {
            exchange.getMessage().setHeader(Headers.REASON, ((DeadLetter) item).reason());
        }
        exchange.getMessage().setBody(CdpJson.write(item));
    }
}

package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.spi.connector.RouteIds;

/**
 * Segment stage: re-evaluates the segments of changed profiles (of several messages at once from a batch-consuming
 * endpoint) and publishes the membership changes, the changes of one profile as one message (a JSON array, see
 * {@link #byProfile}), grouped by profile so that a profile's changes stay in order.
 */
public final class SegmentRoute extends RouteBuilder {

    static final String STAGE = "core.segments";
    /**
     * The most changes in one message of the membership topic: what an outbound subscription prefetches and takes in
     * one transaction is counted in messages, and every change carries the person's identifiers and consents.
     */
    static final int CHANGES_PER_MESSAGE = 20;

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
                        .when(body().isInstanceOf(List.class))
                            .process(SegmentRoute::toMessage)
                            .to(membershipChangesUri)
                        .otherwise()
                            .process(SegmentRoute::toMessage)
                            .to(deadLetterUri)
                    .end()
                .end();
    }

    /**
     * Evaluates the profiles of every profiles-changed message of the exchange (a batch, or one message) in one call: a
     * profile named by several messages is evaluated once, against its state now.
     */
    private void evaluate(Exchange exchange) {
        List<Object> out = new ArrayList<>();
        Set<String> profileIds = new LinkedHashSet<>();
        List<MergeResult.Absorbed> absorbed = new ArrayList<>();
        for (Received message : Received.of(exchange.getMessage())) {
            String json = message.body();
            try {
                ProfilesChanged changed = CdpJson.read(json == null ? "" : json, ProfilesChanged.class);
                profileIds.addAll(changed.profileIds());
                absorbed.addAll(changed.absorbed());
            } catch (IllegalArgumentException e) {
                out.add(new DeadLetter(STAGE, null, null, "not a profiles-changed message: " + e.getMessage(), json,
                        clock.instant()));
            }
        }
        if (!profileIds.isEmpty() || !absorbed.isEmpty()) {
            out.addAll(segments.evaluate(List.copyOf(profileIds), absorbed));
        }
        exchange.getMessage().setBody(byProfile(out));
    }

    /**
     * The items as messages: each run of consecutive changes of one profile as one list of at most
     * {@value #CHANGES_PER_MESSAGE} (a first evaluation has about a dozen changes per profile for fifty segments: a
     * message each would be a dozen messages; the lists of one profile share its group, so they stay in order),
     * anything else (a dead letter) as it is.
     */
    static List<Object> byProfile(List<?> items) {
        List<Object> out = new ArrayList<>();
        List<MembershipChange> run = null;
        for (Object item : items) {
            if (item instanceof MembershipChange change) {
                if (run == null || run.size() == CHANGES_PER_MESSAGE
                        || !Objects.equals(run.get(0).profileId(), change.profileId())) {
                    run = new ArrayList<>();
                    out.add(run);
                }
                run.add(change);
            } else {
                out.add(item);
                run = null;
            }
        }
        return out;
    }

    /** A profile's changes (a list, see {@link #byProfile}) or a dead letter as the message to send. */
    static void toMessage(Exchange exchange) {
        Object item = exchange.getMessage().getBody();
        if (item instanceof List<?> changes) {
            exchange.getMessage().setHeader(Headers.GROUP, ((MembershipChange) changes.get(0)).profileId());
        } else {
            exchange.getMessage().setHeader(Headers.REASON, ((DeadLetter) item).reason());
        }
        exchange.getMessage().setBody(CdpJson.write(item));
    }
}

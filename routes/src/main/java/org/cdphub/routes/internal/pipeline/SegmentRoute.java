package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * endpoint) and publishes the membership changes as JSON arrays, each of the profiles of one message group (see
 * {@link #byGroup}), so that a profile's changes stay in order.
 */
public final class SegmentRoute extends RouteBuilder {

    static final String STAGE = "core.segments";
    /**
     * The most changes in one message of the membership topic: what an outbound subscription prefetches and takes in
     * one transaction is counted in messages, and every change carries the person's identifiers and consents.
     */
    static final int CHANGES_PER_MESSAGE = 20;
    /**
     * How many message groups the changes are spread over (see {@link #group}): up to this many nodes share one
     * destination's deliveries. Each group makes a message of its own per batch, and each message costs the hub
     * thread hand-overs at the broker and at every subscription: 16 groups cost about 13 % more CPU an event than 4
     * at 2,000 events/s (one run each, docs/benchmarks.md, session 31).
     */
    static final int GROUPS = 4;

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
        // a failed batch is reported once, by the batch consumer that rolls it back (WARN with the stack trace);
        // Camel's default handler only logged it a second time, at ERROR with a message history
        errorHandler(noErrorHandler());
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
        exchange.getMessage().setBody(byGroup(out));
    }

    /**
     * The items as messages: the changes in lists of at most {@value #CHANGES_PER_MESSAGE}, each list holding changes
     * of profiles of one message group only (see {@link #group}), in the order of {@code items} within a group;
     * anything else (a dead letter) as it is. A batch of a hundred changed profiles thus makes about eight messages,
     * not a hundred: every message costs a send, a broker round and a delivery at every outbound subscription, which
     * at 2,000 events/s was a third of the hub's work (docs/benchmarks.md).
     */
    static List<Object> byGroup(List<?> items) {
        Map<String, List<List<MembershipChange>>> lists = new LinkedHashMap<>();
        List<Object> deadLetters = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof MembershipChange change) {
                List<List<MembershipChange>> group = lists.computeIfAbsent(group(change.profileId()),
                        g -> new ArrayList<>());
                if (group.isEmpty() || group.get(group.size() - 1).size() == CHANGES_PER_MESSAGE) {
                    group.add(new ArrayList<>());
                }
                group.get(group.size() - 1).add(change);
            } else {
                deadLetters.add(item);
            }
        }
        List<Object> out = new ArrayList<>();
        lists.values().forEach(out::addAll);
        out.addAll(deadLetters);
        return out;
    }

    /**
     * The message group ({@code JMSXGroupID}) of a profile's changes: one of {@value #GROUPS}, by the profile id's
     * hash. The broker gives all messages of a group to one consumer of a subscription, in order, so the changes of
     * a profile reach an outbound connector in the order they were made, however many nodes share its subscription;
     * with {@value #GROUPS} groups the subscription's consumers still share the work.
     */
    static String group(String profileId) {
        return "profiles-" + Math.floorMod(profileId.hashCode(), GROUPS);
    }

    /** Changes of one message group (a list, see {@link #byGroup}) or a dead letter as the message to send. */
    static void toMessage(Exchange exchange) {
        Object item = exchange.getMessage().getBody();
        if (item instanceof List<?> changes) {
            exchange.getMessage().setHeader(Headers.GROUP, group(((MembershipChange) changes.get(0)).profileId()));
        } else {
            exchange.getMessage().setHeader(Headers.REASON, ((DeadLetter) item).reason());
        }
        exchange.getMessage().setBody(CdpJson.write(item));
    }
}

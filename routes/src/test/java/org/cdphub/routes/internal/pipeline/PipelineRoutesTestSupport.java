package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;

/**
 * The merge and segment stages wired together over direct: endpoints, with fake engines behind them; the tests are
 * in {@link PipelineRoutesTest} (what flows through) and {@link PipelineDeadLetterTest} (what is refused).
 */abstract class PipelineRoutesTestSupport extends CamelTestSupport {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    final List<List<Fragment>> merged = new ArrayList<>();
    final List<Collection<String>> evaluated = new ArrayList<>();

    final List<String> removed = new ArrayList<>();
    final List<String> removalsSentAt = new ArrayList<>();
    final List<List<String>> sentAts = new ArrayList<>();
    final java.util.Deque<List<MembershipChange>> due = new java.util.concurrent.ConcurrentLinkedDeque<>();
    final java.util.Deque<MergeResult> expiries = new java.util.concurrent.ConcurrentLinkedDeque<>();

    final FakePendingChanges store = new FakePendingChanges();
    final BatchedForgetting forgetting = new BatchedForgetting(store);

    final IdentityResolution engine = new IdentityResolution() {
        @Override
        public MergeResult merge(List<Fragment> fragments, List<java.time.Instant> sentAt) {
            assertThat(sentAt).hasSameSizeAs(fragments);
            sentAts.add(sentAt.stream().map(String::valueOf).toList());
            return merge(fragments);
        }

        @Override
        public MergeResult merge(List<Fragment> fragments) {
            merged.add(fragments);
            List<MergeResult.Rejected> rejected = fragments.stream()
                    .filter(f -> f.identifiers().isEmpty())
                    .map(f -> new MergeResult.Rejected(f, "no identifier")).toList();
            List<String> changed = fragments.stream().filter(f -> !f.identifiers().isEmpty())
                    .map(f -> "p-" + f.sourceRecordId()).toList();
            List<MergeResult.Absorbed> absorbed = fragments.size() > 2
                    ? List.of(new MergeResult.Absorbed("p-old", "p-1", List.of("nl"))) : List.of();
            List<UnlinkedIdentifier> invalid = fragments.stream().flatMap(f -> f.identifiers().stream()
                    .filter(i -> i.value().equals("12")).map(i -> new UnlinkedIdentifier(f.source(),
                            f.sourceRecordId(), i, UnlinkedIdentifier.Kind.INVALID, "invalid phone number '12'")))
                    .toList();
            MergeResult result = new MergeResult(changed, absorbed, 0, rejected, List.of(), invalid, List.of());
            return store.record(result, CLOCK.instant());
        }

        @Override
        public MergeResult remove(String source, List<String> sourceRecordIds, java.time.Instant sentAt) {
            sourceRecordIds.forEach(id -> removed.add(source + "/" + id));
            removalsSentAt.add(String.valueOf(sentAt));
            return store.record(new MergeResult(sourceRecordIds.stream().map(id -> "p-" + id).toList(), List.of(), 0,
                    List.of()), CLOCK.instant());
        }

        @Override
        public MergeResult expire(int max) {
            MergeResult next = expiries.poll();
            return next != null ? next : new MergeResult(List.of(), List.of(), 0, List.of());
        }
    };

    final SegmentEvaluation segments = new SegmentEvaluation() {
        @Override
        public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
            if (profileIds.contains("p-store-down")) {
                throw new IllegalStateException("store down");
            }
            evaluated.add(profileIds);
            List<MembershipChange> changes = new ArrayList<>();
            profileIds.forEach(id -> changes.add(new MembershipChange(id, "nl", MembershipChange.Kind.ENTERED,
                    CLOCK.instant(), "evaluated", List.of(), List.of())));
            absorbed.forEach(a -> changes.add(new MembershipChange(a.profileId(), "nl", MembershipChange.Kind.EXITED,
                    CLOCK.instant(), "merged-into:" + a.survivorId(), List.of(), List.of())));
            return changes;
        }

        @Override
        public List<MembershipChange> evaluateDue(int max) {
            List<MembershipChange> next = due.poll();
            return next != null ? next : List.of();
        }

        @Override
        public List<SegmentInfo> segments() {
            return List.of();
        }
    };

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            new MergeRoute("direct:fragments", "direct:changed", "mock:dead", engine, forgetting, CLOCK),
            new SegmentRoute("direct:changed", "mock:membership", "mock:dead", segments, CLOCK),
            new ExpiryRoute(java.time.Duration.ofMillis(50), 10, "direct:changed", engine, forgetting),
            new PendingChangesRoute(java.time.Duration.ofSeconds(2), "direct:changed", forgetting, CLOCK),
            new SegmentScheduleRoute(java.time.Duration.ofMillis(50), 10, "mock:membership", segments,
                    SegmentScheduleRouteTest.PASS_THROUGH)
        };
    }

    static Fragment fragment(String id) {
        return new Fragment("crm", id, CLOCK.instant(), List.of(new Identifier("email", id + "@example.com")), null,
                null, null, null);
    }
}

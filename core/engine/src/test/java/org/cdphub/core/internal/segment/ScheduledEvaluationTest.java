package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Time-dependent segments are re-evaluated when they can flip; new definitions make every profile due once. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ScheduledEvaluationTest {

    private static final String RECENT_VISITOR = "{\"event\": \"page\", \"within\": \"P1D\"}";

    private final EngineFixture fx;
    private final List<SegmentDefinition> definitions = new ArrayList<>();
    private final SegmentEvaluator segments;

    ScheduledEvaluationTest(TestDatabase database) {
        fx = new EngineFixture(database).nextIds("p1", "p2");
        definitions.addAll(TestSegments.of("recent-visitors", RECENT_VISITOR));
        segments = new SegmentEvaluator(fx.dataSource, () -> List.copyOf(definitions),
                Evaluator.create(java.time.ZoneOffset.UTC), fx.clock);
    }

    private List<MembershipChange> mergeAndEvaluate(EngineFixture.FragmentBuilder fragment) {
        MergeResult result = fx.engine.merge(List.of(fragment.build()));
        return segments.evaluate(result.changedProfileIds(), result.absorbed());
    }

    /** A days-since test on a trait far in the future: its flip cannot be stored, so the profile is never due. */
    @Test
    void aFlipBeyondTheYear9999IsNotScheduledAndTheBatchIsStored() {
        definitions.add(TestSegments.of("old-customers", "{\"daysSince\": \"signedUpAt\", \"gte\": 365}").get(0));
        MergeResult result = fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("ann@example.com").trait("signedUpAt", "+300000-01-01T00:00:00Z")
                        .build(),
                fragment("crm", "2", T0).email("bob@example.com").trait("signedUpAt", "9999-06-01T00:00:00Z")
                        .build(),
                fragment("crm", "3", T0).email("cat@example.com").trait("signedUpAt", "2020-01-01T00:00:00Z")
                        .build()));

        List<MembershipChange> changes = segments.evaluate(result.changedProfileIds(), result.absorbed());

        String cat = fx.queries.findByIdentifier(new org.cdphub.api.model.Identifier("email", "cat@example.com"))
                .orElseThrow().profileId();
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::segment)
                .containsExactly(tuple(cat, "old-customers"));
        // Ann's flip is in year 300,001 (beyond the store), Bob's in 10000 (beyond 9999), Cat is in and stays in
        assertThat(TestStore.rows(fx.dataSource, "select profile_id from cdp_segment_state where due_at is not null"))
                .isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_segment_state")).containsExactly(
                List.of("3"));
    }

    @Test
    void aProfileLeavesAnEventWindowSegmentWhenItsLastEventLeavesTheWindow() {
        Instant visit = T0.minus(Duration.ofHours(2));
        assertThat(mergeAndEvaluate(fragment("web", "v1", T0).email("ann@example.com")
                .event(new Event("page", visit, "web", "e1", Map.of("path", "/shoes")))))
                .extracting(MembershipChange::kind).containsExactly(Kind.ENTERED);
        assertThat(TestStore.rows(fx.dataSource, "select profile_id from cdp_segment_state where due_at is not null"))
                .containsExactly(List.of("p1"));

        fx.clock.advance(Duration.ofHours(21)); // 23 h after the visit: not due yet
        assertThat(segments.evaluateDue(100)).isEmpty();
        assertThat(fx.queries.findById("p1").orElseThrow().inSegment("recent-visitors")).isTrue();

        fx.clock.advance(Duration.ofHours(1)); // the visit is exactly 1 day old: out of (now - 1 day, now]
        List<MembershipChange> due = segments.evaluateDue(100);
        assertThat(due).extracting(MembershipChange::profileId, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", Kind.EXITED));
        assertThat(fx.queries.findById("p1").orElseThrow().inSegment("recent-visitors")).isFalse();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_segment_state where due_at is not null"))
                .containsExactly(List.of("0"));
    }

    @Test
    void aNewDefinitionMakesEveryProfileDueOnceAndTheyEnterOnTheNextRun() {
        mergeAndEvaluate(fragment("crm", "1", T0).email("ann@example.com").trait("country", "NL"));
        mergeAndEvaluate(fragment("crm", "2", T0).email("bob@example.com").trait("country", "BE"));
        assertThat(segments.definitionsChanged()).isEqualTo(2); // the first time the store sees them
        segments.evaluateDue(100);
        assertThat(segments.definitionsChanged()).isZero();

        definitions.addAll(TestSegments.of("nl-customers", TestSegments.NL));
        assertThat(segments.definitionsChanged()).isEqualTo(2);
        assertThat(segments.definitionsChanged()).isZero();
        List<MembershipChange> changes = segments.evaluateDue(1);
        changes = new ArrayList<>(changes);
        changes.addAll(segments.evaluateDue(100));
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::segment, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", "nl-customers", Kind.ENTERED));
        assertThat(segments.evaluateDue(100)).isEmpty();
    }

    @Test
    void dueProfilesThatChangeNothingDoNotHideTheOnesBehindThemThatDo() {
        fx.nextIds("p3");
        mergeAndEvaluate(fragment("web", "ann", T0).email("ann@example.com")
                .event(new Event("page", T0, "web", "e1", Map.of())));
        mergeAndEvaluate(fragment("web", "bob", T0).email("bob@example.com")
                .event(new Event("page", T0, "web", "e2", Map.of())));
        mergeAndEvaluate(fragment("web", "cid", T0).email("cid@example.com")
                .event(new Event("page", T0.minus(Duration.ofHours(23)), "web", "e3", Map.of())));
        // p1 and p2 due long ago although nothing about them can have changed (as after a flip that another change
        // undid); p3 leaves the segment in an hour, when its visit leaves the window
        TestStore.execute(fx.dataSource, "update cdp_segment_state set due_at = timestamp with time zone "
                + "'2025-01-01 00:00:00+00' where profile_id in ('p1', 'p2')");
        fx.clock.advance(Duration.ofHours(1));

        List<MembershipChange> changes = segments.evaluateDue(1); // one profile per transaction

        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p3", Kind.EXITED));
        assertThat(segments.evaluateDue(1)).isEmpty();
    }

    @Test
    void aRemovedProfileLeavesTheSchedule() {
        mergeAndEvaluate(fragment("web", "v1", T0).email("ann@example.com")
                .event(new Event("page", T0, "web", "e1", Map.of())));
        MergeResult removed = fx.engine.remove("web", "v1");
        segments.evaluate(removed.changedProfileIds(), removed.absorbed());
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_segment_state where due_at is not null"))
                .containsExactly(List.of("0"));
    }

    @Test
    void aDueRowOfAnAliasWhoseProfileIsGoneIsClearedAndDoesNotBlockTheSchedule() {
        mergeAndEvaluate(fragment("web", "v1", T0).email("ann@example.com")
                .event(new Event("page", T0, "web", "e1", Map.of())));
        // a stale row: an alias (of a profile that was absorbed) whose survivor no longer exists, due long ago
        TestStore.execute(fx.dataSource, "insert into cdp_profile_alias (alias_id, profile_id, merged_at) values"
                + " ('p8', 'p9', timestamp with time zone '2025-01-01 00:00:00+00')");
        TestStore.execute(fx.dataSource, "insert into cdp_segment_state (profile_id, segments, due_at) values"
                + " ('p8', ',recent-visitors@2025-01-01T00:00:00Z,',"
                + " timestamp with time zone '2025-01-01 00:00:00+00')");
        TestStore.execute(fx.dataSource,
                "update cdp_segment set members = members + 1 where segment = 'recent-visitors'");

        fx.clock.advance(Duration.ofDays(2)); // p1's visit left the window: p1 is due too
        List<MembershipChange> due = segments.evaluateDue(1); // the stale row comes first
        due = new ArrayList<>(due);
        due.addAll(segments.evaluateDue(100));

        assertThat(due).extracting(MembershipChange::profileId, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", Kind.EXITED));
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_segment_state where profile_id = 'p8'"))
                .containsExactly(List.of("0"));
        assertThat(segments.evaluateDue(100)).isEmpty();
        assertThat(segments.segments()).extracting(s -> s.members()).containsExactly(0L);
    }
}

package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SegmentEvaluatorTest {

    private final EngineFixture fx;
    private final SegmentEvaluator segments;

    SegmentEvaluatorTest(TestDatabase database) {
        fx = new EngineFixture(database);
        segments = new SegmentEvaluator(fx.dataSource,
                TestSegments.of("nl-customers", TestSegments.NL, "named", TestSegments.exists("firstName")),
                fx.clock);
    }

    private MergeResult merge(EngineFixture.FragmentBuilder fragment) {
        return fx.engine.merge(List.of(fragment.build()));
    }

    private List<MembershipChange> mergeAndEvaluate(EngineFixture.FragmentBuilder fragment) {
        MergeResult result = merge(fragment);
        return segments.evaluate(result.changedProfileIds(), result.absorbed());
    }

    @Test
    void profileEntersExitsAndStaysPut() {
        Consent consent = new Consent("marketing", "email", ConsentStatus.GRANTED, T0, "crm");
        List<MembershipChange> entered = mergeAndEvaluate(fragment("crm", "1", T0).email("ann@example.com")
                .trait("country", "nl").consent(consent));
        String id = fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().profileId();

        assertThat(entered).containsExactly(new MembershipChange(id, "nl-customers", Kind.ENTERED, T0, "evaluated",
                List.of(new Identifier("email", "ann@example.com")), List.of(consent)));
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", T0));
        assertThat(segments.segments()).containsExactly(
                new SegmentInfo("nl-customers", "", "nl-customers.json", 1, T0),
                new SegmentInfo("named", "", "named.json", 0, null));

        fx.clock.advance(Duration.ofMinutes(1));
        assertThat(segments.evaluate(List.of(id), List.of())).isEmpty();
        assertThat(mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com")
                .trait("country", "NL").consent(consent))).isEmpty();
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", T0));

        Instant exitAt = fx.clock.advance(Duration.ofMinutes(1));
        List<MembershipChange> exited = mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(2))
                .email("ann@example.com").trait("country", "BE").trait("firstName", "Ann"));
        assertThat(exited).extracting(MembershipChange::segment, MembershipChange::kind, MembershipChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nl-customers", Kind.EXITED, "evaluated"),
                        org.assertj.core.groups.Tuple.tuple("named", Kind.ENTERED, "evaluated"));
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("named", exitAt));
        assertThat(segments.segments()).containsExactly(
                new SegmentInfo("nl-customers", "", "nl-customers.json", 0, exitAt),
                new SegmentInfo("named", "", "named.json", 1, exitAt));
    }

    @Test
    void absorbedProfileExitsItsSegmentsAsMergedIntoTheSurvivor() {
        fx.nextIds("p1", "p2");
        mergeAndEvaluate(fragment("crm", "1", T0).email("ann@example.com"));
        Instant t1 = fx.clock.advance(Duration.ofMinutes(1));
        mergeAndEvaluate(fragment("web", "1", T0).phone("0612345678").trait("country", "NL").trait("firstName", "A"));
        Instant t2 = fx.clock.advance(Duration.ofMinutes(1));
        mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com").trait("country", "NL"));
        assertThat(TestStore.memberships(fx.dataSource)).containsExactly(
                        List.of("p1", "nl-customers"), List.of("p2", "named"), List.of("p2", "nl-customers"));
        assertThat(fx.queries.findById("p1").orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", t2));

        Instant t3 = fx.clock.advance(Duration.ofMinutes(1));
        MergeResult merged = merge(fragment("shop", "1", T0).email("ann@example.com").phone("+31612345678"));
        assertThat(merged.absorbed()).containsExactly(
                new MergeResult.Absorbed("p2", "p1", List.of("named", "nl-customers")));

        List<MembershipChange> changes = segments.evaluate(merged.changedProfileIds(), merged.absorbed());
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::segment, MembershipChange::kind,
                MembershipChange::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p2", "named", Kind.EXITED, "merged-into:p1"),
                        org.assertj.core.groups.Tuple.tuple("p2", "nl-customers", Kind.EXITED, "merged-into:p1"));
        assertThat(changes.get(0).at()).isEqualTo(t3);
        assertThat(changes.get(0).identifiers()).containsExactly(new Identifier("email", "ann@example.com"),
                new Identifier("phone", "+31612345678"));

        // memberships moved to the survivor, one row per segment, with the earliest since
        assertThat(TestStore.memberships(fx.dataSource)).containsExactly(
                        List.of("p1", "named"), List.of("p1", "nl-customers"));
        assertThat(fx.queries.findById("p2").orElseThrow().segments()).containsExactly(
                new SegmentMembership("named", t1), new SegmentMembership("nl-customers", t1));
        assertThat(segments.segments()).extracting(SegmentInfo::members).containsExactly(1L, 1L);
    }

    @Test
    void aliasIdsAreEvaluatedAsTheirSurvivor() {
        fx.nextIds("p1", "p2");
        merge(fragment("crm", "1", T0).email("ann@example.com"));
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("web", "1", T0).phone("0612345678"));
        merge(fragment("shop", "1", T0).email("ann@example.com").phone("0612345678").trait("country", "NL"));

        assertThat(segments.evaluate(List.of("p2", "unknown-id"), List.of()))
                .extracting(MembershipChange::profileId, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", Kind.ENTERED));
    }

    @Test
    void nothingToEvaluateIsANoOp() {
        assertThat(segments.evaluate(List.of(), List.of())).isEmpty();
        assertThat(segments.evaluate(null, null)).isEmpty();
        assertThat(TestStore.count(fx.dataSource, "cdp_segment")).isZero();
    }

    /**
     * More profiles than one read takes (bulk intake): read, evaluated and written in one transaction of the segment
     * lock, while a merge holds the store lock (the segment stage does not wait for merges).
     */
    @Test
    void aLargeBatchIsEvaluatedInOneTransactionWhileAMergeHoldsTheStoreLock() throws Exception {
        List<Fragment> people = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            people.add(fragment("crm", "c" + i, T0).email("p" + i + "@example.com").trait("country", "NL").build());
        }
        MergeResult result = fx.engine.merge(people);
        assertThat(result.changedProfileIds()).hasSize(520);
        Instant at = fx.clock.advance(Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>(result.changedProfileIds());
        ids.add("unknown-id");
        List<MembershipChange> changes = org.cdphub.core.internal.store.StoreLock.write(fx.dataSource, c -> {
            try {
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> segments.evaluate(ids, List.of()))
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the segment evaluation waited for the store lock", e);
            }
        });
        assertThat(changes).hasSize(520).allMatch(c -> c.kind() == Kind.ENTERED
                && c.segment().equals("nl-customers") && c.at().equals(at));
        assertThat(segments.segments()).extracting(SegmentInfo::name, SegmentInfo::members)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nl-customers", 520L),
                        org.assertj.core.groups.Tuple.tuple("named", 0L));
        assertThat(segments.evaluate(ids, List.of())).as("evaluated again, nothing changed").isEmpty();
    }
}

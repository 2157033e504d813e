package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.segment.TestSegments;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.store.TestStore;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Merges keep one id and leave aliases; removals and updates that take away the link split the profile. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SplitAndRemoveTest {

    private final EngineFixture fx;

    SplitAndRemoveTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3", "p4");
    }

    private Profile by(String type, String value) {
        return fx.queries.findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    private MergeResult merge(EngineFixture.FragmentBuilder... fragments) {
        return fx.engine.merge(java.util.Arrays.stream(fragments).map(EngineFixture.FragmentBuilder::build).toList());
    }

    /** A (email) - B (email, phone) - C (phone), observed in that order: one profile p1. */
    private void chain() {
        merge(fragment("crm", "A", T0).email("ann@example.com").trait("firstName", "Ann"),
                fragment("shop", "B", T0.plusSeconds(1)).email("ann@example.com").phone("0612345678"),
                fragment("app", "C", T0.plusSeconds(2)).phone("0612345678").trait("country", "NL"));
        assertThat(fx.queries.count()).isEqualTo(1);
        fx.clock.advance(Duration.ofMinutes(1));
    }

    private static List<String> sources(Profile p) {
        return p.sources().stream().map(s -> s.source() + "/" + s.sourceRecordId()).toList();
    }

    @Test
    void removingTheBridgingFragmentSplitsTheProfile() {
        chain();
        Instant removedAt = fx.clock.instant();

        MergeResult result = fx.engine.remove("shop", "B");

        assertThat(result.splits()).containsExactly(new MergeResult.Split("p1", List.of("p2")));
        assertThat(result.changedProfileIds()).containsExactly("p1", "p2");
        assertThat(result.removedProfileIds()).isEmpty();
        Profile kept = by("email", "ann@example.com");
        Profile splitOff = by("phone", "0612345678");
        assertThat(kept.profileId()).isEqualTo("p1"); // equal sizes: the part with the oldest fragment keeps the id
        assertThat(sources(kept)).containsExactly("crm/A");
        assertThat(kept.identifiers()).extracting(Identifier::key).containsExactly("email:ann@example.com");
        assertThat(kept.traits()).containsOnlyKeys("firstName");
        assertThat(splitOff.profileId()).isEqualTo("p2");
        assertThat(sources(splitOff)).containsExactly("app/C");
        assertThat(splitOff.createdAt()).isEqualTo(removedAt);
        assertThat(splitOff.trait("country")).contains("NL");
        assertThat(TestStore.rows(fx.dataSource, "select source, profile_id from cdp_fragment order by 1"))
                .containsExactly(List.of("app", "p2"), List.of("crm", "p1"));
    }

    @Test
    void anUpdateThatDropsTheJoiningIdentifierSplitsTheProfile() {
        chain();
        MergeResult result = merge(fragment("shop", "B", T0.plusSeconds(10)).email("ann@example.com"));

        assertThat(result.splits()).containsExactly(new MergeResult.Split("p1", List.of("p2")));
        assertThat(result.changedProfileIds()).containsExactly("p1", "p2");
        assertThat(sources(by("email", "ann@example.com"))).containsExactly("crm/A", "shop/B");
        assertThat(sources(by("phone", "0612345678"))).containsExactly("app/C");
        assertThat(by("phone", "0612345678").profileId()).isEqualTo("p2");
    }

    @Test
    void theLargestPartKeepsTheId() {
        merge(fragment("crm", "A", T0).email("ann@example.com"),
                fragment("shop", "B", T0.plusSeconds(1)).email("ann@example.com").phone("0612345678"),
                fragment("app", "C", T0.plusSeconds(2)).phone("0612345678"),
                fragment("app", "D", T0.plusSeconds(3)).phone("0612345678").id("deviceId", "d-1"));

        MergeResult result = fx.engine.remove("shop", "B");

        assertThat(result.splits()).containsExactly(new MergeResult.Split("p1", List.of("p2")));
        assertThat(sources(fx.queries.findById("p1").orElseThrow())).containsExactly("app/C", "app/D");
        assertThat(sources(fx.queries.findById("p2").orElseThrow())).containsExactly("crm/A");
    }

    @Test
    void aRemovedVersionIsNotRevivedByRedeliveryButANewerVersionMergesAgain() {
        chain();
        fx.engine.remove("shop", "B");

        MergeResult redelivered = merge(fragment("shop", "B", T0.plusSeconds(1)).email("ann@example.com")
                .phone("0612345678"));
        assertThat(redelivered.unchanged()).isEqualTo(1);
        assertThat(fx.queries.count()).isEqualTo(2);

        MergeResult newer = merge(fragment("shop", "B", T0.plusSeconds(5)).email("ann@example.com")
                .phone("0612345678"));
        assertThat(newer.absorbed()).extracting(MergeResult.Absorbed::profileId, MergeResult.Absorbed::survivorId)
                .containsExactly(tuple("p2", "p1"));
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment_tombstone")).isZero();
    }

    @Test
    void removingTheLastFragmentRemovesTheProfileAndItsAliases() {
        merge(fragment("crm", "A", T0).email("ann@example.com"));
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("crm", "B", T0).phone("0612345678"));
        merge(fragment("crm", "A", T0.plusSeconds(1)).email("ann@example.com").phone("0612345678"));
        assertThat(fx.queries.findById("p2").orElseThrow().profileId()).isEqualTo("p1");

        fx.engine.remove("crm", "A");
        MergeResult last = fx.engine.remove("crm", "B");

        assertThat(last.removedProfileIds()).containsExactly("p1");
        assertThat(last.changedProfileIds()).containsExactly("p1");
        assertThat(fx.queries.count()).isZero();
        assertThat(fx.queries.findById("p1")).isEmpty();
        assertThat(fx.queries.findById("p2")).isEmpty();
        for (String table : List.of("cdp_fragment", "cdp_identifier", "cdp_profile_alias", "cdp_profile")) {
            assertThat(TestStore.count(fx.dataSource, table)).as(table).isZero();
        }
    }

    @Test
    void removingAnUnknownFragmentChangesNothing() {
        merge(fragment("crm", "A", T0).email("ann@example.com"));
        MergeResult result = fx.engine.remove("crm", "nope");
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.changedProfileIds()).isEmpty();
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment_tombstone")).isZero();
    }

    @Test
    void mergeMovesEventsAndMembershipsInOneTransactionAndAliasesResolve() {
        SegmentEvaluator segments = new SegmentEvaluator(fx.dataSource,
                TestSegments.of("buyers", TestSegments.exists("tier")), fx.clock);
        Event order = new Event("order", T0, "shop", "o-1", Map.of("total", 10));
        Event visit = new Event("pageView", T0.minusSeconds(60), "web", "v-1", Map.of());
        MergeResult first = merge(fragment("shop", "1", T0).email("ann@example.com").trait("tier", "gold")
                .event(order));
        segments.evaluate(first.changedProfileIds(), first.absorbed());
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("web", "1", T0).id("cookieId", "c-1").event(visit));

        MergeResult merged = merge(fragment("web", "2", T0).id("cookieId", "c-1").email("ann@example.com"));

        assertThat(merged.absorbed()).containsExactly(new MergeResult.Absorbed("p2", "p1", List.of()));
        Profile viaAlias = fx.queries.findById("p2").orElseThrow();
        assertThat(viaAlias.profileId()).isEqualTo("p1");
        assertThat(viaAlias.aliases()).containsExactly("p2");
        assertThat(viaAlias.events()).extracting(Event::sourceEventId).containsExactly("v-1", "o-1");
        assertThat(TestStore.memberships(fx.dataSource))
                .containsExactly(List.of("p1", "buyers"));
    }

    @Test
    void aSplitAfterAMergeKeepsTheAliasOnTheSurvivor() {
        merge(fragment("crm", "A", T0).email("ann@example.com"));
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("app", "C", T0.plusSeconds(2)).phone("0612345678"));
        merge(fragment("shop", "B", T0.plusSeconds(1)).email("ann@example.com").phone("0612345678"));

        MergeResult split = fx.engine.remove("shop", "B");

        assertThat(split.splits()).containsExactly(new MergeResult.Split("p1", List.of("p3")));
        assertThat(fx.queries.findById("p2").orElseThrow().profileId()).isEqualTo("p1");
        assertThat(by("phone", "0612345678").profileId()).isEqualTo("p3");
    }

    @Test
    void segmentsFollowASplitAndARemoval() {
        SegmentEvaluator segments = new SegmentEvaluator(fx.dataSource,
                TestSegments.of("nl-customers", TestSegments.NL), fx.clock);
        chain();
        segments.evaluate(List.of("p1"), List.of());
        Instant at = fx.clock.advance(Duration.ofMinutes(1));

        MergeResult split = fx.engine.remove("shop", "B");
        List<MembershipChange> changes = segments.evaluate(split.changedProfileIds(), split.absorbed());

        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::kind, MembershipChange::reason)
                .containsExactly(tuple("p1", Kind.EXITED, "evaluated"), tuple("p2", Kind.ENTERED, "evaluated"));
        assertThat(changes.get(1).at()).isEqualTo(at);

        MergeResult removed = fx.engine.remove("app", "C");
        assertThat(segments.evaluate(removed.changedProfileIds(), removed.absorbed()))
                .extracting(MembershipChange::profileId, MembershipChange::kind, MembershipChange::reason,
                        c -> c.identifiers().size())
                .containsExactly(tuple("p2", Kind.EXITED, "removed", 0));
        assertThat(TestStore.memberships(fx.dataSource)).isEmpty();
        // the removed profile's state is gone; p1 keeps what its evaluation read (input hashes)
        assertThat(TestStore.rows(fx.dataSource, "select profile_id from cdp_segment_state"))
                .containsExactly(List.of("p1"));
    }

    @Test
    void anUpdatedFragmentWithoutIdentifiersStaysInItsProfile() {
        merge(fragment("iot", "1", T0).trait("x", 1));
        MergeResult update = merge(fragment("iot", "1", T0.plusSeconds(1)).trait("x", 2));
        assertThat(update.changedProfileIds()).containsExactly("p1");
        assertThat(update.splits()).isEmpty();
        assertThat(fx.queries.findById("p1").orElseThrow().sources())
                .containsExactly(new SourceRef("iot", "1", T0.plusSeconds(1)));
    }
}

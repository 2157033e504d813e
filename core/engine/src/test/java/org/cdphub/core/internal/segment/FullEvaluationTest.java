package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.model.Profile;
import org.cdphub.core.internal.bench.SegmentBench;
import org.cdphub.core.internal.store.DueIndex;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipRow;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.MutableClock;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.SegmentDefinitionTable;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.cdphub.segments.api.SegmentParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full evaluation (after a definition change) over more profiles than one page stores exactly the memberships, the
 * changes and the schedule that evaluating each fully parsed profile on its own gives, for the 50 definitions of the
 * benchmark; memberships of segments that are no longer defined stay.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FullEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(30));
    private static final int PROFILES = 1100;
    private static final int PAGE = 400; // more than one chunk of parallel work (FullEvaluation.CHUNK)

    private final DataSource dataSource;
    private final MutableClock clock = new MutableClock(NOW);
    private final Evaluator evaluator = Evaluator.create(ZoneOffset.UTC);
    private final List<SegmentDefinition> definitions = new ArrayList<>(SegmentBench.definitions());
    private final SegmentEvaluator segments;
    private final List<Profile> profiles = new ArrayList<>();

    FullEvaluationTest(TestDatabase database) throws Exception {
        dataSource = database.fresh();
        segments = new SegmentEvaluator(dataSource, () -> List.copyOf(definitions), evaluator, clock);
        Random random = new Random(11);
        List<MembershipRow> before = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            Profile p = SegmentBench.profile(i, random, NOW);
            profiles.add(new Profile(p.profileId(), List.of(new Identifier("email", "person" + i + "@example.com")),
                    p.traits(), p.consents(), p.events(), List.of(), List.of(), List.of(), p.createdAt(),
                    p.updatedAt()));
            if (i % 7 == 0) {
                before.add(new MembershipRow(p.profileId(), "s00", OLD)); // right for some, wrong for others
                before.add(new MembershipRow(p.profileId(), "retired", OLD)); // no longer defined: stays
            }
        }
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.insert(c, profiles);
            MembershipTable.insert(c, before, OLD);
            return null;
        });
    }

    @Test
    void aFullEvaluationOverManyPagesMatchesEvaluatingEachProfileAlone() throws Exception {
        assertThat(PAGE).isGreaterThan(FullEvaluation.CHUNK);
        Map<String, Map<String, Instant>> expected = stored();
        assertThat(expected).hasSize(PROFILES / 7 + 1);
        List<MembershipChange> wanted = reference(expected, NOW);

        assertThat(segments.definitionsChanged()).isEqualTo(PROFILES);
        List<MembershipChange> changes = runToTheEnd();

        assertThat(wanted).hasSizeGreaterThan(PROFILES); // the test means something: many entries, some exits
        assertThat(wanted).extracting(MembershipChange::kind).contains(Kind.EXITED);
        assertThat(changes).containsExactlyElementsOf(wanted);
        assertThat(stored()).isEqualTo(expected);
        assertThat(stored().get(SegmentBench.id(0))).containsEntry("retired", OLD);
        Map<String, Long> members = new TreeMap<>();
        expected.values().forEach(m -> m.keySet().forEach(segment -> members.merge(segment, 1L, Long::sum)));
        Map<String, Long> counted = Jdbc.read(dataSource, MembershipTable::counts);
        assertThat(new TreeMap<>(counted)).as("member counts kept by the sweep, page by page").isEqualTo(members);
        assertThat(schedule()).isEqualTo(expectedSchedule(expected, NOW));
        assertThat(segments.evaluateDue(PAGE)).isEmpty();
        assertThat(segments.definitionsChanged()).isZero();
    }

    @Test
    void aChangedDefinitionChangesOnlyItsMembersAndThoseOfTheSegmentsThatReferToIt() throws Exception {
        segments.definitionsChanged();
        runToTheEnd();
        clock.advance(Duration.ofMinutes(5));
        definitions.set(0, SegmentParser.parse("s00.yaml", "name: s00\ncondition: {trait: country, equals: BE}\n"));
        Map<String, Map<String, Instant>> expected = stored();
        List<MembershipChange> wanted = reference(expected, clock.instant());

        assertThat(segments.definitionsChanged()).isEqualTo(PROFILES);
        List<MembershipChange> changes = runToTheEnd();

        assertThat(wanted).extracting(MembershipChange::segment).contains("s00", "s47").doesNotContain("s01");
        assertThat(changes).containsExactlyElementsOf(wanted);
        assertThat(stored()).isEqualTo(expected);
        assertThat(schedule()).isEqualTo(expectedSchedule(expected, clock.instant()));
    }

    @Test
    void aSweepAfterAChangeEvaluatesOnlyTheChangedDefinitionsAndTheirDependents() throws Exception {
        segments.definitionsChanged();
        runToTheEnd();
        // a wrong membership of a segment that does not change: a sweep of every definition would mend it
        String id = SegmentBench.id(3);
        boolean member = stored().getOrDefault(id, Map.of()).containsKey("s01");
        Jdbc.inTransaction(dataSource, c -> {
            if (member) {
                MembershipTable.delete(c, List.of(new MembershipRow(id, "s01", OLD)), NOW);
            } else {
                MembershipTable.insert(c, List.of(new MembershipRow(id, "s01", OLD)), NOW);
            }
            return null;
        });
        definitions.set(0, SegmentParser.parse("s00.yaml", "name: s00\ncondition: {trait: country, equals: BE}\n"));
        Map<String, Map<String, Instant>> expected = stored();
        reference(expected, NOW);
        expected.computeIfAbsent(id, k -> new TreeMap<>());
        if (member) {
            expected.get(id).remove("s01");
        } else {
            expected.get(id).put("s01", OLD);
        }
        expected.values().removeIf(Map::isEmpty);

        segments.definitionsChanged();
        List<MembershipChange> changes = runToTheEnd();

        assertThat(changes).extracting(MembershipChange::segment).contains("s00", "s47").containsOnly("s00", "s47");
        assertThat(stored()).isEqualTo(expected);
    }

    @Test
    void aChangeWhileASweepRunsRestartsItWithTheDefinitionsOfBoth() throws Exception {
        segments.definitionsChanged();
        runToTheEnd();
        definitions.set(0, SegmentParser.parse("s00.yaml", "name: s00\ncondition: {trait: country, equals: BE}\n"));
        segments.definitionsChanged();
        segments.evaluateDue(PAGE); // the first page only
        definitions.set(2, SegmentParser.parse("s02.yaml", "name: s02\ncondition: {trait: country, equals: DE}\n"));
        Map<String, Map<String, Instant>> expected = stored();
        reference(expected, NOW);

        assertThat(segments.definitionsChanged()).isEqualTo(PROFILES);
        List<MembershipChange> changes = runToTheEnd();

        assertThat(changes).extracting(MembershipChange::segment).contains("s00", "s02", "s47", "s48");
        assertThat(stored()).isEqualTo(expected);
        assertThat(schedule()).isEqualTo(expectedSchedule(expected, NOW));
        assertThat(Jdbc.read(dataSource, SegmentDefinitionTable::swept)).isEmpty();
    }

    @Test
    void onH2TheDueIndexIsSetAsideFromTheFirstPageOfASweepToItsEnd() throws Exception {
        boolean h2 = Jdbc.read(dataSource, Jdbc::isH2);
        Map<String, Map<String, Instant>> expected = stored();
        reference(expected, NOW);
        assertThat(Jdbc.read(dataSource, DueIndex::exists)).isTrue();

        segments.definitionsChanged();
        segments.evaluateDue(PAGE); // the first page
        assertThat(segments.fullEvaluationPending()).isTrue();
        assertThat(Jdbc.read(dataSource, DueIndex::exists)).as("index during the sweep").isEqualTo(!h2);
        segments.evaluate(List.of(SegmentBench.id(PROFILES - 1)), List.of()); // a change meanwhile: into the table
        runToTheEnd();

        assertThat(Jdbc.read(dataSource, DueIndex::exists)).as("index after the sweep").isTrue();
        assertThat(schedule()).isEqualTo(expectedSchedule(expected, NOW));
        Instant firstDue = schedule().values().stream().min(Instant::compareTo).orElseThrow();
        clock.set(firstDue);
        assertThat(segments.evaluateDue(PAGE)).as("what is due comes back through the index").isNotEmpty();
    }

    @Test
    void anIndexLeftAsideByASweepThatStoppedIsBuiltBeforeTheScheduleReadsIt() throws Exception {
        segments.definitionsChanged();
        runToTheEnd();
        Jdbc.inTransaction(dataSource, c -> {
            DueIndex.setAside(c); // as a sweep stopped after its first page, then cut short by a restart
            return null;
        });
        SegmentEvaluator restarted = new SegmentEvaluator(dataSource, () -> List.copyOf(definitions), evaluator,
                clock);

        restarted.evaluateDue(PAGE);

        assertThat(Jdbc.read(dataSource, DueIndex::exists)).isTrue();
    }

    @Test
    void sweptDefinitionsAreTheMarkedOnesAndThoseThatReferToThem() throws Exception {
        List<SegmentDefinition> all = List.copyOf(definitions); // in dependency order already
        assertThat(FullEvaluation.swept(all, java.util.Set.of("s00"))).extracting(SegmentDefinition::name)
                .containsExactly("s00", "s47");
        assertThat(FullEvaluation.swept(all, java.util.Set.of())).isSameAs(all);
    }

    private List<MembershipChange> runToTheEnd() {
        List<MembershipChange> changes = new ArrayList<>();
        int calls = 0;
        while (segments.fullEvaluationPending()) {
            changes.addAll(segments.evaluateDue(PAGE));
            calls++;
        }
        assertThat(calls).isGreaterThan(1).isLessThanOrEqualTo(PROFILES / PAGE + 1);
        return changes;
    }

    /** Evaluates each profile alone, as the incremental path does, updating {@code memberships} to the outcome. */
    private List<MembershipChange> reference(Map<String, Map<String, Instant>> memberships, Instant now) {
        List<MembershipChange> changes = new ArrayList<>();
        for (Profile p : profiles) {
            ProfileSegments.Outcome outcome = ProfileSegments.evaluate(p,
                    memberships.getOrDefault(p.profileId(), Map.of()), definitions, evaluator, now);
            for (ProfileSegments.Change change : outcome.changes()) {
                changes.add(new MembershipChange(p.profileId(), change.segment(),
                        change.entered() ? Kind.ENTERED : Kind.EXITED, now, SegmentEvaluator.EVALUATED,
                        p.identifiers(), p.consents()));
            }
            if (outcome.memberships().isEmpty()) {
                memberships.remove(p.profileId());
            } else {
                memberships.put(p.profileId(), new TreeMap<>(outcome.memberships()));
            }
        }
        return changes;
    }

    private Map<String, Instant> expectedSchedule(Map<String, Map<String, Instant>> memberships, Instant now) {
        Map<String, Instant> due = new TreeMap<>();
        for (Profile p : profiles) {
            ProfileSegments.evaluate(p, memberships.getOrDefault(p.profileId(), Map.of()), definitions, evaluator, now)
                    .nextFlip().ifPresent(at -> due.put(p.profileId(), at));
        }
        return due;
    }

    private Map<String, Map<String, Instant>> stored() {
        return Jdbc.read(dataSource, c -> {
            Map<String, Map<String, Instant>> out = new HashMap<>();
            MembershipTable.load(c, profiles.stream().map(Profile::profileId).toList()).forEach((id, list) ->
                    list.forEach(m -> out.computeIfAbsent(id, k -> new TreeMap<>()).put(m.segment(), m.since())));
            return out;
        });
    }

    private Map<String, Instant> schedule() {
        return Jdbc.read(dataSource, c -> {
            Map<String, Instant> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select profile_id, due_at from cdp_segment_state where due_at is not null");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Jdbc.getInstant(rs, "due_at"));
                }
            }
            return out;
        });
    }
}

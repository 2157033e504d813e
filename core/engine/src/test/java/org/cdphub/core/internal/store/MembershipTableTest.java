package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.cdphub.api.model.SegmentMembership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Memberships as one row per profile: what is written reads back, member counts follow every kind of write (checked
 * against a count of the rows after random edits), and members of a segment come latest first.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MembershipTableTest {

    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00Z");
    private static final List<String> SEGMENTS = List.of("a", "b", "vip-2", "x9");

    private final DataSource dataSource;
    private final TestDatabase database;

    MembershipTableTest(TestDatabase database) {
        this.database = database;
        dataSource = database.fresh();
    }

    @Test
    void countsFollowRandomWritesMovesAndEdits() {
        Random random = new Random(5);
        Map<String, Map<String, Instant>> model = new HashMap<>();
        for (int round = 0; round < 30; round++) {
            Map<String, Map<String, Instant>> after = new HashMap<>();
            for (int k = 0; k < 20; k++) {
                String id = "p" + random.nextInt(40);
                Map<String, Instant> segments = new TreeMap<>();
                SEGMENTS.stream().filter(s -> random.nextInt(3) == 0)
                        .forEach(s -> segments.put(s, T0.plusSeconds(random.nextInt(1000))));
                after.put(id, segments);
            }
            Jdbc.inTransaction(dataSource, c -> {
                MembershipTable.write(c, after, T0);
                return null;
            });
            after.forEach((id, m) -> {
                if (m.isEmpty()) {
                    model.remove(id);
                } else {
                    model.put(id, m);
                }
            });
            if (round % 5 == 4) { // a merge: p<n> absorbed into p<m>
                String absorbed = "p" + random.nextInt(40);
                String survivor = "p" + (40 + round);
                List<String> involved = List.of(absorbed, survivor);
                Map<String, SegmentStateTable.State> current = Jdbc.read(dataSource,
                        c -> SegmentStateTable.load(c, involved));
                Jdbc.inTransaction(dataSource, c -> {
                    MembershipTable.moveToSurvivors(c, Map.of(absorbed, survivor), current, T0);
                    return null;
                });
                Map<String, Instant> moved = model.remove(absorbed);
                if (moved != null) {
                    model.put(survivor, new TreeMap<>(moved));
                }
            }
            if (round % 7 == 6) {
                Jdbc.inTransaction(dataSource, c -> {
                    MembershipTable.delete(c, List.of(new MembershipRow("p1", "a", null)), T0);
                    MembershipTable.insert(c, List.of(new MembershipRow("p2", "b", T0)), T0);
                    return null;
                });
                model.computeIfPresent("p1", (id, m) -> {
                    m = new TreeMap<>(m);
                    m.remove("a");
                    return m.isEmpty() ? null : m;
                });
                model.computeIfAbsent("p2", id -> new TreeMap<>()).put("b", T0);
            }
            assertThat(stored()).isEqualTo(model);
            Map<String, Long> expected = new TreeMap<>();
            model.values().forEach(m -> m.keySet().forEach(s -> expected.merge(s, 1L, Long::sum)));
            Map<String, Long> counts = Jdbc.read(dataSource, MembershipTable::counts);
            assertThat(new TreeMap<>(counts)).isEqualTo(expected);
        }
    }

    @Test
    void theLastWritesOfATransactionStoreStatesCountsAndLastChanges() {
        Instant later = T0.plusSeconds(60).plusNanos(123_456_000);
        Jdbc.inTransaction(dataSource, c -> {
            MembershipTable.apply(c, List.of(SegmentStateTable.change("p1", null, Map.of("a", T0), null, null),
                    SegmentStateTable.change("p2", null, Map.of("a", T0, "b", T0), null, null)), Set.of("a", "b"), T0);
            return null;
        });
        // p1 enters b (a change announced: touched), p2 leaves a quietly (a merge moves memberships: not touched), p3
        // enters the new segment c, p4 leaves everything (its row goes); p2 has a due time with microseconds, p3 one
        // after the year 9999 (a "days since" condition on a placeholder date such as 9999-12-31)
        Instant farAway = Instant.parse("+10000-01-30T00:00:00.000001Z");
        Jdbc.inTransaction(dataSource, c -> {
            MembershipTable.apply(c, List.of(SegmentStateTable.change("p4", null, Map.of("a", T0), null, null)), T0);
            return null;
        });
        long visibleBeforeTheEnd = StoreLock.write(dataSource, c -> {
            MembershipTable.applyLast(c, List.of(
                    SegmentStateTable.change("p1", state(c, "p1"), Map.of("a", T0, "b", later), "00000000000000aa",
                            null),
                    SegmentStateTable.change("p2", state(c, "p2"), Map.of("b", T0), null, later),
                    SegmentStateTable.change("p3", null, Map.of("c", later), null, farAway),
                    SegmentStateTable.change("p4", state(c, "p4"), Map.of(), null, null)), Set.of("b", "c"), later);
            return (long) TestStore.count(dataSource, "cdp_segment_state where profile_id = 'p3'"); // another connection
        });
        // on PostgreSQL the commit went with the writes; H2 commits when the transaction's work returns
        assertThat(visibleBeforeTheEnd).isEqualTo(database == TestDatabase.H2 ? 0 : 1);
        assertThat(stored()).isEqualTo(Map.of("p1", Map.of("a", T0, "b", later), "p2", Map.of("b", T0),
                "p3", Map.of("c", later)));
        assertThat(new TreeMap<>(Jdbc.read(dataSource, MembershipTable::counts)))
                .isEqualTo(Map.of("a", 1L, "b", 2L, "c", 1L));
        Map<String, SegmentStateTable.State> p3p4 = Jdbc.read(dataSource,
                c -> SegmentStateTable.load(c, List.of("p3", "p4")));
        assertThat(p3p4).isEqualTo(Map.of("p3", new SegmentStateTable.State(Map.of("c", later), null, farAway, true)));
        assertThat(new TreeMap<>(Jdbc.read(dataSource, MembershipTable::lastChanges)))
                .isEqualTo(Map.of("a", T0, "b", later, "c", later));
        Map<String, SegmentStateTable.State> states = Jdbc.read(dataSource,
                c -> SegmentStateTable.load(c, List.of("p1", "p2")));
        assertThat(states)
                .isEqualTo(Map.of("p1", new SegmentStateTable.State(Map.of("a", T0, "b", later), "00000000000000aa",
                        null, true), "p2", new SegmentStateTable.State(Map.of("b", T0), null, later, true)));
    }

    private static SegmentStateTable.State state(java.sql.Connection c, String id) throws java.sql.SQLException {
        return SegmentStateTable.load(c, List.of(id)).get(id);
    }

    @Test
    void membersOfASegmentComeLatestFirstUpToTheLimit() {
        Jdbc.inTransaction(dataSource, c -> {
            MembershipTable.insert(c, List.of(new MembershipRow("p1", "a", T0), new MembershipRow("p2", "a",
                    T0.plusSeconds(2)), new MembershipRow("p3", "a", T0.plusSeconds(1)), new MembershipRow("p4", "ab",
                    T0.plusSeconds(9)), new MembershipRow("p3", "b", T0.plusSeconds(5))), T0);
            return null;
        });
        List<MembershipRow> two = Jdbc.read(dataSource, c -> MembershipTable.members(c, "a", 2));
        List<MembershipRow> all = Jdbc.read(dataSource, c -> MembershipTable.members(c, "a", 10));
        List<MembershipRow> none = Jdbc.read(dataSource, c -> MembershipTable.members(c, "b", 0));
        assertThat(two).containsExactly(
                new MembershipRow("p2", "a", T0.plusSeconds(2)), new MembershipRow("p3", "a", T0.plusSeconds(1)));
        assertThat(all).extracting(MembershipRow::profileId).containsExactly("p2", "p3", "p1");
        assertThat(none).isEmpty();
    }

    @Test
    void membershipWritesKeepTheRestOfTheStateAndMergesDropTheAbsorbedProfilesState() {
        Instant due = T0.plusSeconds(3_600);
        Jdbc.inTransaction(dataSource, c -> {
            MembershipTable.apply(c, List.of(
                    SegmentStateTable.change("p1", null, Map.of("a", T0), "00000000000000aa", due),
                    SegmentStateTable.change("p2", null, Map.of("b", T0), "00000000000000bb", due.plusSeconds(1))),
                    T0);
            MembershipTable.delete(c, List.of(new MembershipRow("p1", "a", null)), T0);
            return null;
        });
        SegmentStateTable.State p1 = Jdbc.read(dataSource, c -> SegmentStateTable.load(c, List.of("p1")).get("p1"));
        assertThat(p1).isEqualTo(new SegmentStateTable.State(Map.of(), "00000000000000aa", due, true));

        Jdbc.inTransaction(dataSource, c -> {
            MembershipTable.moveToSurvivors(c, Map.of("p2", "p1"), SegmentStateTable.load(c, List.of("p1", "p2")), T0);
            return null;
        });
        Map<String, SegmentStateTable.State> states = Jdbc.read(dataSource,
                c -> SegmentStateTable.load(c, List.of("p1", "p2")));
        assertThat(states).containsOnlyKeys("p1");
        assertThat(states.get("p1")).isEqualTo(new SegmentStateTable.State(Map.of("b", T0), "00000000000000aa", due,
                true));
        assertThat(new TreeMap<>(Jdbc.read(dataSource, MembershipTable::counts))).containsExactly(Map.entry("b", 1L));
        List<String> dueIds = Jdbc.read(dataSource, c -> SegmentStateTable.due(c, due.plusSeconds(5), 10));
        assertThat(dueIds).containsExactly("p1");
    }

    private Map<String, Map<String, Instant>> stored() {
        List<String> ids = TestStore.rows(dataSource,
                "select profile_id from cdp_segment_state where segments is not null").stream()
                .map(r -> r.get(0)).toList();
        Map<String, List<SegmentMembership>> loaded = Jdbc.read(dataSource, c -> MembershipTable.load(c, ids));
        return MembershipTable.asMaps(loaded);
    }
}

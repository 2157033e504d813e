package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MigrationsTest {

    private final TestDatabase database;

    MigrationsTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void createsTheStoreTablesAndIsIdempotent() {
        DataSource dataSource = database.unmigrated();
        assertThat(Migrations.vendor(dataSource)).isEqualTo(database.name().toLowerCase(Locale.ROOT));

        Migrations.migrate(dataSource);
        assertThatCode(() -> Migrations.migrate(dataSource)).doesNotThrowAnyException();

        List<String> tables = TestStore.rows(dataSource,
                "select lower(table_name) from information_schema.tables where table_schema = current_schema"
                        + " and lower(table_name) like 'cdp%' order by 1").stream().map(r -> r.get(0)).toList();
        assertThat(tables).containsExactly("cdp_block_key", "cdp_connector_checkpoint", "cdp_dropped_identifier", "cdp_fragment",
                "cdp_fragment_tombstone", "cdp_identifier", "cdp_lock", "cdp_match_link", "cdp_pending_change", "cdp_profile",
                "cdp_profile_alias", "cdp_schema_history", "cdp_segment", "cdp_segment_definition", "cdp_segment_state",
                "cdp_setting");
        assertThat(TestStore.rows(dataSource, "select \"version\" from \"cdp_schema_history\""
                + " where \"success\" = true and \"version\" is not null order by \"installed_rank\""))
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6"), List.of("7"),
                        List.of("8"), List.of("9"), List.of("10"), List.of("11"), List.of("12"), List.of("13"), List.of("14"), List.of("15"),
                        List.of("16"), List.of("17"), List.of("18"), List.of("19"), List.of("20"),
                        List.of("21"));
        assertThat(TestStore.rows(dataSource, "select id from cdp_lock order by id")).containsExactly(List.of("1"),
                List.of("2"));
    }

    /** Version 14: the fragments that dropped an identifier are found by its key, not by reading the whole table. */
    @Test
    void droppedIdentifiersAreLookedUpByKeyThroughAnIndex() {
        DataSource dataSource = database.unmigrated();
        Migrations.migrate(dataSource);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            rows.append(i == 0 ? "" : ", ").append("('dmp', 'r").append(i).append("', 'cookie:c").append(i)
                    .append("', 'held by profile p', timestamp with time zone '2026-11-30 10:00:00+00')");
        }
        TestStore.execute(dataSource, "insert into cdp_dropped_identifier (source, source_record_id, id_key, reason,"
                + " dropped_at) values " + rows);
        if (database.name().equals("POSTGRESQL")) {
            TestStore.execute(dataSource, "analyze cdp_dropped_identifier");
        }
        String plan = String.join("\n", TestStore.rows(dataSource, "explain select distinct source, source_record_id"
                + " from cdp_dropped_identifier where id_key in ('cookie:c7', 'cookie:c8') and reason not like 'x%'")
                .stream().map(r -> r.get(0)).toList());
        assertThat(plan.toLowerCase(Locale.ROOT)).contains("cdp_dropped_identifier_id_key");
    }

    @Test
    void version10TurnsMembershipRowsIntoOneRowPerProfileWithCounts() {
        DataSource dataSource = database.unmigrated();
        migrateTo(dataSource, "9");
        TestStore.execute(dataSource, "insert into cdp_segment_membership (profile_id, segment, since) values"
                + " ('p1', 'vip', timestamp with time zone '2026-11-29 09:00:00.123456+00'),"
                + " ('p1', 'buyers', timestamp with time zone '2026-11-28 10:00:00+01'),"
                + " ('p2', 'buyers', timestamp with time zone '2026-11-27 23:30:00+00')");
        TestStore.execute(dataSource, "insert into cdp_segment (segment, last_change) values"
                + " ('buyers', timestamp with time zone '2026-11-29 09:00:00+00')");

        Migrations.migrate(dataSource);

        assertThat(TestStore.rows(dataSource, "select profile_id, segments from cdp_segment_state order by 1"))
                .containsExactly(List.of("p1", ",buyers@2026-11-28T09:00:00.000000Z,vip@2026-11-29T09:00:00.123456Z,"),
                        List.of("p2", ",buyers@2026-11-27T23:30:00.000000Z,"));
        assertThat(Memberships.decode(",buyers@2026-11-28T09:00:00.000000Z,vip@2026-11-29T09:00:00.123456Z,"))
                .containsEntry("buyers", java.time.Instant.parse("2026-11-28T09:00:00Z")).hasSize(2);
        assertThat(TestStore.rows(dataSource, "select segment, members from cdp_segment order by 1"))
                .containsExactly(List.of("buyers", "2"), List.of("vip", "1"));
    }

    @Test
    void version12JoinsMembershipsInputsAndDueTimesIntoOneRowPerProfile() {
        DataSource dataSource = database.unmigrated();
        migrateTo(dataSource, "11");
        TestStore.execute(dataSource, "insert into cdp_membership (profile_id, segments) values"
                + " ('p1', ',vip@2026-11-29T09:00:00Z,'), ('p2', ',buyers@2026-11-27T23:30:00Z,')");
        TestStore.execute(dataSource, "insert into cdp_segment_input (profile_id, hashes) values"
                + " ('p1', '00000000000000aa'), ('p3', '00000000000000bb')");
        TestStore.execute(dataSource, "insert into cdp_segment_schedule (profile_id, due_at) values"
                + " ('p1', timestamp with time zone '2026-12-01 08:00:00+00'),"
                + " ('p4', timestamp with time zone '2026-12-02 09:00:00+01')");

        Migrations.migrate(dataSource);

        List<List<String>> rows = TestStore.rows(dataSource,
                "select profile_id, segments, inputs from cdp_segment_state order by 1");
        assertThat(rows).containsExactly(Arrays.asList("p1", ",vip@2026-11-29T09:00:00Z,", "00000000000000aa"),
                Arrays.asList("p2", ",buyers@2026-11-27T23:30:00Z,", null),
                Arrays.asList("p3", null, "00000000000000bb"), Arrays.asList("p4", null, null));
        Map<String, java.time.Instant> due = Jdbc.read(dataSource, c -> {
            Map<String, java.time.Instant> out = new java.util.TreeMap<>();
            for (String id : SegmentStateTable.due(c, java.time.Instant.parse("2027-01-01T00:00:00Z"), 10)) {
                out.put(id, SegmentStateTable.load(c, List.of(id)).get(id).due());
            }
            return out;
        });
        assertThat(due).containsExactly(Map.entry("p1", java.time.Instant.parse("2026-12-01T08:00:00Z")),
                Map.entry("p4", java.time.Instant.parse("2026-12-02T08:00:00Z")));
    }

    @Test
    void storesInstantsAsUtcTimestampsWithTimeZone() {
        DataSource dataSource = database.fresh();
        List<String> types = TestStore.rows(dataSource,
                "select upper(data_type) from information_schema.columns where table_schema = current_schema"
                        + " and lower(table_name) = 'cdp_profile' and lower(column_name) in ('created_at', 'updated_at')")
                .stream().map(r -> r.get(0)).toList();
        assertThat(types).containsOnly("TIMESTAMP WITH TIME ZONE").hasSize(2);
    }

    /** Applies the migrations up to {@code version} only, to set up the data a later one converts. */
    static void migrateTo(DataSource dataSource, String version) {
        org.flywaydb.core.Flyway.configure().dataSource(dataSource)
                .locations(Migrations.LOCATION.replace("{vendor}", Migrations.vendor(dataSource)))
                .table(Migrations.HISTORY_TABLE).target(version).load().migrate();
    }
}

package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, store version 19: every varchar column compares in byte order (the {@code "C"} collation), whatever the
 * database's default collation, so that index lookups and inserts of keys do not go through the collation's own
 * comparison (the C library's strcoll, or ICU's). Store version 21: the profiles' pages keep room for the next version.
 */
class PostgresSchemaTest {

    /** The store's varchar columns as {@code table.column}. */
    private static final String VARCHAR = "select table_name || '.' || column_name from information_schema.columns"
            + " where table_schema = current_schema and table_name like 'cdp%' and table_name <> 'cdp_schema_history'"
            + " and data_type = 'character varying'";
    private static final String NOT_IN_BYTE_ORDER = VARCHAR + " and collation_name is distinct from 'C' order by 1";

    /** Fails for a varchar column a later migration adds without {@code collate "C"}. */
    @Test
    void everyVarcharColumnOfTheStoreComparesInByteOrder() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        List<String> varchar = column(dataSource, VARCHAR + " order by 1");
        assertThat(varchar).contains("cdp_identifier.id_key", "cdp_fragment.source_record_id",
                "cdp_profile.profile_id", "cdp_segment_state.profile_id", "cdp_block_key.block_key");
        assertThat(column(dataSource, NOT_IN_BYTE_ORDER)).isEmpty();
        assertThat(column(dataSource, "select collation_name from information_schema.columns where table_schema ="
                + " current_schema and data_type = 'text' and table_name like 'cdp%' and collation_name = 'C'"))
                .as("documents keep the database's collation").isEmpty();
    }

    /**
     * A store of version 18 with rows in it: version 19 keeps every row, the store's lookups find them through the
     * rebuilt indexes, and the key columns have planner statistics again (changing a column's collation drops them;
     * without them the merge's lookups by profile id read whole tables).
     */
    @Test
    void aStoreOfVersion18KeepsItsRowsItsLookupsAndTheirStatistics() {
        DataSource dataSource = TestDatabase.POSTGRESQL.unmigrated();
        MigrationsTest.migrateTo(dataSource, "18");
        assertThat(column(dataSource, NOT_IN_BYTE_ORDER)).as("version 18").isNotEmpty();
        TestStore.execute(dataSource, "insert into cdp_profile (profile_id, created_at, updated_at, doc)"
                + " select 'p' || i, now(), now(), '{}' from generate_series(1, 3000) i");
        TestStore.execute(dataSource, "insert into cdp_identifier (id_key, id_type, profile_id)"
                + " select 'email:Person' || i || '@example.com', 'email', 'p' || i from generate_series(1, 3000) i");
        TestStore.execute(dataSource, "insert into cdp_identifier (id_key, id_type, profile_id)"
                + " values ('email:zoë@example.com', 'email', 'p7')");
        TestStore.execute(dataSource, "insert into cdp_fragment (source, source_record_id, profile_id, observed_at,"
                + " content_hash, body) select 'crm', 'r' || i, 'p' || i, now(), md5(i::text), '{}'"
                + " from generate_series(1, 3000) i");
        TestStore.execute(dataSource, "analyze cdp_identifier, cdp_fragment, cdp_profile");
        String statistics = "select tablename || '.' || attname from pg_stats where schemaname = current_schema"
                + " and tablename in ('cdp_identifier', 'cdp_fragment') and attname in ('id_key', 'profile_id')"
                + " order by 1";
        List<String> keyStatistics = List.of("cdp_fragment.profile_id", "cdp_identifier.id_key",
                "cdp_identifier.profile_id");
        assertThat(column(dataSource, statistics)).as("version 18").isEqualTo(keyStatistics);

        Migrations.migrate(dataSource);

        assertThat(column(dataSource, NOT_IN_BYTE_ORDER)).isEmpty();
        assertThat(column(dataSource, statistics)).as("statistics after version 19").isEqualTo(keyStatistics);
        assertThat(TestStore.count(dataSource, "cdp_identifier")).isEqualTo(3001);
        assertThat(TestStore.count(dataSource, "cdp_fragment")).isEqualTo(3000);
        Map<String, String> owners = Jdbc.read(dataSource, c -> IdentifierTable.owners(c,
                List.of("email:Person42@example.com", "email:zoë@example.com", "email:person42@example.com")));
        assertThat(owners).containsOnly(Map.entry("email:Person42@example.com", "p42"),
                Map.entry("email:zoë@example.com", "p7"));
        Map<String, Set<String>> keys = Jdbc.read(dataSource, c -> GraphEdits.identifierKeysOf(c, List.of("p7")));
        assertThat(keys).containsEntry("p7", Set.of("email:Person7@example.com", "email:zoë@example.com"));
        Map<FragmentKey, StoredHead> heads = Jdbc.read(dataSource,
                c -> FragmentTable.heads(c, List.of(new FragmentKey("crm", "r5"), new FragmentKey("crm", "R5"))));
        assertThat(heads).containsOnlyKeys(new FragmentKey("crm", "r5"));
        assertThat(heads.get(new FragmentKey("crm", "r5")).contentHash()).isEqualTo("e4da3b7fbbce2345d7772b0674a318d5");
        String plan = String.join("\n", column(dataSource,
                "explain select profile_id from cdp_identifier where id_key = 'email:Person42@example.com'"));
        assertThat(plan.toLowerCase(Locale.ROOT)).contains("cdp_identifier_pkey");
    }

    /**
     * Version 21: a profile's next version fits in its page (a heap-only update, no new index entry), which it did not
     * when every page was filled; the same updates on a table filled to the brim are the control.
     */
    @Test
    void aProfilesNextVersionFitsInItsPage() throws Exception {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        assertThat(column(dataSource, "select unnest(reloptions) from pg_class where oid = 'cdp_profile'::regclass"))
                .containsExactly("fillfactor=75");
        TestStore.execute(dataSource, "create table x_full_profile (like cdp_profile including all)");
        assertThat(heapOnlyShareOfUpdates(dataSource, "cdp_profile")).isGreaterThan(0.5);
        assertThat(heapOnlyShareOfUpdates(dataSource, "x_full_profile")).as("pages filled to the brim").isLessThan(0.2);
    }

    /**
     * Inserts 3,000 profiles of about 700 characters into {@code table}, then gives every third a document of about
     * 1,000 (a second fragment joined it), in one transaction; the share of those updates PostgreSQL made heap-only.
     */
    private static double heapOnlyShareOfUpdates(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into " + table + " (profile_id, created_at, updated_at, doc) select"
                    + " lpad(to_hex(i), 8, '0') || '-0000-7abc-8def-000000000000', now(), now(),"
                    + " repeat(md5(i::text), 22) from generate_series(1, 3000) i");
            s.execute("update " + table + " set doc = repeat(md5(profile_id), 31), updated_at = now()"
                    + " where profile_id in (select lpad(to_hex(i), 8, '0') || '-0000-7abc-8def-000000000000'"
                    + " from generate_series(1, 3000, 3) i)");
            try (ResultSet rs = s.executeQuery("select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables"
                    + " where relid = '" + table + "'::regclass")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1000);
                double share = rs.getLong(2) / (double) rs.getLong(1);
                c.rollback();
                return share;
            }
        }
    }

    private static List<String> column(DataSource dataSource, String sql) {
        return TestStore.rows(dataSource, sql).stream().map(r -> r.get(0)).toList();
    }
}

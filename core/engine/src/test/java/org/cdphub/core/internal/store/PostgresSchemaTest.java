package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, store version 19: every varchar column compares in byte order (the {@code "C"} collation), whatever the
 * database's default collation, so that index lookups and inserts of keys do not go through the collation's own
 * comparison (the C library's strcoll, or ICU's).
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

    private static List<String> column(DataSource dataSource, String sql) {
        return TestStore.rows(dataSource, sql).stream().map(r -> r.get(0)).toList();
    }
}

package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, store version 19: every varchar column compares in byte order (the {@code "C"} collation), whatever the
 * database's default collation, so that index lookups and inserts of keys do not go through the C library's strcoll.
 */
class PostgresSchemaTest {

    private static final String NOT_IN_BYTE_ORDER = "select table_name || '.' || column_name from"
            + " information_schema.columns where table_schema = current_schema and table_name like 'cdp%'"
            + " and table_name <> 'cdp_schema_history' and data_type = 'character varying'"
            + " and collation_name is distinct from 'C' order by 1";

    /** Fails for a varchar column a later migration adds without {@code collate "C"}. */
    @Test
    void everyVarcharColumnOfTheStoreComparesInByteOrder() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        List<String> varchar = column(dataSource, "select table_name || '.' || column_name from"
                + " information_schema.columns where table_schema = current_schema and table_name like 'cdp%'"
                + " and table_name <> 'cdp_schema_history' and data_type = 'character varying' order by 1");
        assertThat(varchar).contains("cdp_identifier.id_key", "cdp_fragment.source_record_id",
                "cdp_profile.profile_id", "cdp_segment_state.profile_id", "cdp_block_key.block_key");
        assertThat(column(dataSource, NOT_IN_BYTE_ORDER)).isEmpty();
        assertThat(column(dataSource, "select collation_name from information_schema.columns where table_schema ="
                + " current_schema and data_type = 'text' and table_name like 'cdp%' and collation_name = 'C'"))
                .as("documents keep the database's collation").isEmpty();
    }

    /**
     * A store of version 18 with rows in it: version 19 keeps every row, and the store's lookups, which join key
     * columns of several tables, find them through the rebuilt indexes.
     */
    @Test
    void aStoreOfVersion18KeepsItsRowsAndFindsThemByKey() {
        DataSource dataSource = TestDatabase.POSTGRESQL.unmigrated();
        Flyway.configure().dataSource(dataSource).locations(Migrations.LOCATION.replace("{vendor}", "postgresql"))
                .table(Migrations.HISTORY_TABLE).target("18").load().migrate();
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

        Migrations.migrate(dataSource);

        assertThat(column(dataSource, NOT_IN_BYTE_ORDER)).isEmpty();
        assertThat(TestStore.count(dataSource, "cdp_identifier")).isEqualTo(3001);
        assertThat(TestStore.count(dataSource, "cdp_fragment")).isEqualTo(3000);
        TestStore.execute(dataSource, "analyze cdp_identifier, cdp_fragment, cdp_profile");
        Map<String, String> owners = Jdbc.read(dataSource, c -> IdentifierTable.owners(c,
                List.of("email:Person42@example.com", "email:zoë@example.com", "email:person42@example.com")));
        assertThat(owners).containsOnly(Map.entry("email:Person42@example.com", "p42"),
                Map.entry("email:zoë@example.com", "p7"));
        Map<String, Set<String>> keys = Jdbc.read(dataSource, c -> GraphEdits.identifierKeysOf(c, List.of("p7")));
        assertThat(keys).containsEntry("p7", Set.of("email:Person7@example.com", "email:zoë@example.com"));
        Map<FragmentKey, StoredHead> heads = Jdbc.read(dataSource,
                c -> FragmentTable.heads(c, List.of(new FragmentKey("crm", "r5"), new FragmentKey("crm", "R5"))));
        assertThat(heads).containsOnlyKeys(new FragmentKey("crm", "r5"));
        assertThat(heads.get(new FragmentKey("crm", "r5")).observedAt()).isBefore(Instant.now().plusSeconds(1));
        String plan = String.join("\n", column(dataSource,
                "explain select profile_id from cdp_identifier where id_key = 'email:Person42@example.com'"));
        assertThat(plan.toLowerCase(Locale.ROOT)).contains("cdp_identifier_pkey");
    }

    private static List<String> column(DataSource dataSource, String sql) {
        return TestStore.rows(dataSource, sql).stream().map(r -> r.get(0)).toList();
    }
}

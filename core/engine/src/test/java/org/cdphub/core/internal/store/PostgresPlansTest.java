package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a write transaction of the store plans each statement for its parameters, not with a cached generic plan
 * (see {@link StoreLock}), and only that transaction: the setting is local to it.
 */
class PostgresPlansTest {

    @Test
    void writeTransactionsPlanEachStatementForTheirParameters() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        assertThat(StoreLock.write(dataSource, PostgresPlansTest::planCacheMode))
                .isEqualTo("force_custom_plan");
        assertThat(StoreLock.writeSegments(dataSource, PostgresPlansTest::planCacheMode)).as("segment writes")
                .isEqualTo("force_custom_plan");
        assertThat(Jdbc.read(dataSource, PostgresPlansTest::planCacheMode)).as("a plain read").isEqualTo("auto");
    }

    @Test
    void theSettingEndsWithTheTransaction() {
        String url = TestDatabase.POSTGRESQL.newStore();
        Migrations.migrate(TestDatabase.POSTGRESQL.dataSource(url));
        // one pooled connection: the same session before, during and after the write
        try (HikariDataSource one = TestDatabase.POSTGRESQL.pool(url, 1)) {
            String pid = "select pg_backend_pid()";
            String before = Jdbc.read(one, c -> planCacheMode(c) + " " + single(c, pid));
            String during = StoreLock.write(one, c -> planCacheMode(c) + " " + single(c, pid));
            String after = Jdbc.read(one, c -> planCacheMode(c) + " " + single(c, pid));
            assertThatThrownBy(() -> StoreLock.write(one, c -> single(c, "select 1 / 0")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("division by zero");
            String afterRollback = Jdbc.read(one, c -> planCacheMode(c) + " " + single(c, pid));
            assertThat(before.split(" ")[1]).as("one session").isEqualTo(during.split(" ")[1])
                    .isEqualTo(after.split(" ")[1]).isEqualTo(afterRollback.split(" ")[1]);
            assertThat(during).startsWith("force_custom_plan ");
            assertThat(after).isEqualTo(before).isEqualTo(afterRollback).startsWith("auto ");
        }
    }

    /**
     * Store version 16: ANALYZE keeps no statistics for the JSON and hash columns, which no plan uses, and still does
     * for the key columns the planner needs (H2 keeps none per column).
     */
    @Test
    void theStatisticsLeaveOutTheDocumentColumns() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        TestStore.execute(dataSource, "insert into cdp_fragment (source, source_record_id, profile_id, observed_at,"
                + " content_hash, body) select 'crm', 'r' || i, 'p' || (i / 2), now(), md5(i::text),"
                + " '{\"n\":' || i || '}' from generate_series(1, 2000) i");
        TestStore.execute(dataSource, "insert into cdp_profile (profile_id, created_at, updated_at, doc)"
                + " select 'p' || i, now(), now(), '{}' from generate_series(1, 1000) i");
        TestStore.execute(dataSource, "insert into cdp_segment_state (profile_id, segments, inputs)"
                + " select 'p' || i, ',s@x,', 'h' || i from generate_series(1, 1000) i");
        TestStore.execute(dataSource, "analyze cdp_fragment, cdp_profile, cdp_segment_state");
        assertThat(TestStore.rows(dataSource, "select tablename || '.' || attname from pg_stats"
                + " where schemaname = current_schema and tablename in ('cdp_fragment', 'cdp_profile',"
                + " 'cdp_segment_state') order by 1").stream().map(r -> r.get(0)).toList())
                .containsExactly("cdp_fragment.expires_at", "cdp_fragment.observed_at", "cdp_fragment.profile_id",
                        "cdp_fragment.source", "cdp_fragment.source_record_id", "cdp_profile.created_at",
                        "cdp_profile.profile_id", "cdp_profile.updated_at", "cdp_segment_state.due_at",
                        "cdp_segment_state.profile_id", "cdp_segment_state.segments");
    }

    /**
     * A table without statistics (a new store before autovacuum analysed it): the planner reads the whole table into a
     * hash join for a batch's keys. Once the store has grown enough, {@link StoreStatistics} analyses it, and the same
     * lookup probes the index.
     */
    @Test
    void aYoungStoreIsAnalysedOnceItHasGrownAndItsLookupsThenUseTheIndex() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        TestStore.execute(dataSource, "alter table cdp_fragment set (autovacuum_enabled = false)");
        TestStore.execute(dataSource, "insert into cdp_fragment (source, source_record_id, profile_id, observed_at,"
                + " content_hash, body) select 'crm', 'r' || i, 'p' || (i / 2), current_timestamp, 'h', repeat('x', 390)"
                + " from generate_series(1, 50000) i");
        String explain = "explain select profile_id, body from cdp_fragment where profile_id "
                + "in (select unnest(?::varchar[]))";
        Jdbc.Work<String> plan = c -> {
            try (PreparedStatement ps = c.prepareStatement(explain)) {
                ps.setObject(1, java.util.stream.IntStream.range(0, 250).mapToObj(i -> "p" + i * 97)
                        .toArray(String[]::new)); // a batch's profiles
                StringBuilder lines = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                }
                return lines.toString();
            }
        };
        assertThat(StoreLock.write(dataSource, plan)).as("before any statistics").contains("Seq Scan on cdp_fragment");

        java.util.List<Runnable> started = new java.util.ArrayList<>();
        StoreStatistics statistics = new StoreStatistics(dataSource, started::add);
        statistics.added(10); // the first merge: the size the statistics know of is read
        started.remove(0).run();
        statistics.added((int) StoreStatistics.FIRST - 20);
        assertThat(started).as("no analysis below the first threshold").isEmpty();
        statistics.added(10);
        assertThat(started).hasSize(1);
        started.remove(0).run();
        assertThat(StoreLock.write(dataSource, plan)).as("after the analysis").contains("Index")
                .doesNotContain("Seq Scan on cdp_fragment");
        assertThat(Long.parseLong(Jdbc.read(dataSource, c -> single(c,
                "select reltuples::bigint from pg_class where oid = 'cdp_fragment'::regclass")))).isEqualTo(50_000);

        statistics.added(40_000);
        assertThat(started).as("the next one once the store has doubled (50,000 more)").isEmpty();
        statistics.added(10_000);
        assertThat(started).hasSize(1);
    }

    private static String planCacheMode(Connection c) throws SQLException {
        return single(c, "select current_setting('plan_cache_mode')");
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}

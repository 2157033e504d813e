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
    void aWriteTransactionAndAReadOfManyKeysPlanEachStatementForTheirParameters() {
        DataSource dataSource = TestDatabase.POSTGRESQL.fresh();
        assertThat(StoreLock.write(dataSource, PostgresPlansTest::planCacheMode)).isEqualTo("force_custom_plan");
        assertThat(Jdbc.readMany(dataSource, PostgresPlansTest::planCacheMode)).isEqualTo("force_custom_plan");
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

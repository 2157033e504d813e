package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's health as the pipeline's stages ask for it after a failed batch. */
class StoreProbeTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStoreThatAnswersAcceptsWrites(TestDatabase database) {
        String url = database.newStore();
        Migrations.migrate(database.dataSource(url));
        try (HikariDataSource pool = database.pool(url, 2)) {
            assertThat(new StoreProbe(pool).acceptsWrites()).isTrue();
        }
    }

    @Test
    void aReadOnlyPostgreSqlDoesNotAcceptWrites() throws SQLException {
        // as a server in recovery, or one whose transactions are read-only by default, refuses a merge's writes
        String url = TestDatabase.POSTGRESQL.newStore();
        Migrations.migrate(TestDatabase.POSTGRESQL.dataSource(url));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(TestDatabase.POSTGRESQL.user());
        config.setPassword(TestDatabase.POSTGRESQL.password());
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("set session characteristics as transaction read only");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(new StoreProbe(pool).acceptsWrites()).isFalse();
            try (java.sql.Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
                assertThat(s.executeQuery("select 1").next()).as("the store answers reads all the while").isTrue();
                assertThatThrownBy(() -> s.executeUpdate(StoreProbe.CHECK)).as("a read-only transaction")
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            }
        }
    }

    @Test
    void aPoolThatCannotConnectAcceptsNoWritesOnceItsTimeoutIsOver() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/cdphub");
        config.setUsername("cdphub");
        config.setPassword("cdphub");
        config.setConnectionTimeout(500);
        config.setInitializationFailTimeout(-1); // the pool starts without the server, as after a restart of it
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(new StoreProbe(pool).acceptsWrites()).isFalse();
        }
    }

    @Test
    void aClosedPoolOrADataSourceThatThrowsAcceptsNoWritesAndTheProbeDoesNotThrow() {
        HikariDataSource pool = TestDatabase.H2.pool(TestDatabase.H2.newStore(), 2);
        pool.close();
        assertThat(new StoreProbe(pool).acceptsWrites()).isFalse();
        DataSource throwing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("no store: " + method.getName());
                });
        assertThat(new StoreProbe(throwing).acceptsWrites()).isFalse();
        DataSource refusing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused", "08001");
                });
        assertThat(new StoreProbe(refusing).acceptsWrites()).isFalse();
    }
}

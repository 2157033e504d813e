package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store's health as the pipeline's stages ask for it after a failed batch. */
class StoreProbeTest {

    @Test
    void aStoreThatAnswersIsReachable() {
        try (HikariDataSource pool = TestDatabase.H2.pool(TestDatabase.H2.newStore(), 2)) {
            assertThat(new StoreProbe(pool).reachable()).isTrue();
        }
    }

    @Test
    void aPoolThatCannotConnectMakesTheStoreUnreachableOnceItsTimeoutIsOver() throws Exception {
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
            assertThat(new StoreProbe(pool).reachable()).isFalse();
        }
    }

    @Test
    void aClosedPoolOrADataSourceThatThrowsIsUnreachableAndTheProbeDoesNotThrow() {
        HikariDataSource pool = TestDatabase.H2.pool(TestDatabase.H2.newStore(), 2);
        pool.close();
        assertThat(new StoreProbe(pool).reachable()).isFalse();
        DataSource throwing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("no store: " + method.getName());
                });
        assertThat(new StoreProbe(throwing).reachable()).isFalse();
        DataSource refusing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused", "08001");
                });
        assertThat(new StoreProbe(refusing).reachable()).isFalse();
    }
}

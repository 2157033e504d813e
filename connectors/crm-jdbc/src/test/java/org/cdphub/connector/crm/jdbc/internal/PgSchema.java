package org.cdphub.connector.crm.jdbc.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one test, dropped by {@link #close()}. The server is the one {@code .ci/postgres.sh}
 * brings up ({@value #DEFAULT_URL}, user and password {@code cdphub}); system properties {@code cdphub.test.pg.url},
 * {@code .user}, {@code .password} or environment variables {@code CDPHUB_TEST_PG_URL}, {@code _USER},
 * {@code _PASSWORD} point the tests at another one, as for the engine's store tests. Tests fail, never skip, when it
 * cannot be reached.
 */
final class PgSchema implements AutoCloseable {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/cdphub_test";
    static final String URL = setting("cdphub.test.pg.url", "CDPHUB_TEST_PG_URL", DEFAULT_URL);
    static final String USER = setting("cdphub.test.pg.user", "CDPHUB_TEST_PG_USER", "cdphub");
    static final String PASSWORD = setting("cdphub.test.pg.password", "CDPHUB_TEST_PG_PASSWORD", "cdphub");

    final String name = "crm_jdbc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    PgSchema() {
        try {
            execute("create schema " + name);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + URL + " as " + USER + ". Start it with "
                    + "'.ci/postgres.sh' (run by this module's build before the tests), or point the tests at another "
                    + "server with CDPHUB_TEST_PG_URL / CDPHUB_TEST_PG_USER / CDPHUB_TEST_PG_PASSWORD.", e);
        }
    }

    /** The JDBC URL the connector under test uses: the schema is its search path. */
    String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Runs statements in this schema. */
    void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set search_path to " + name);
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("drop schema if exists " + name + " cascade");
    }

    private static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(URL, properties);
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

package org.cdphub.assembly;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one test run, which every node of the run uses as its store. Found like the
 * engine's store tests find PostgreSQL (core/engine TestDatabase): {@code cdphub.test.pg.url}/{@code .user}/{@code
 * .password} or {@code CDPHUB_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}, else the database {@code .ci/postgres.sh}
 * sets up. Dropped on {@link #close()}; schemas of this prefix older than a day (killed runs) are dropped on creation.
 */
final class SharedSchema implements AutoCloseable {

    private static final String PREFIX = "cdphub_it_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    final String baseUrl = setting("cdphub.test.pg.url", "CDPHUB_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/cdphub_test");
    final String user = setting("cdphub.test.pg.user", "CDPHUB_TEST_PG_USER", "cdphub");
    final String password = setting("cdphub.test.pg.password", "CDPHUB_TEST_PG_PASSWORD", "cdphub");
    final String schema = PREFIX + LocalDateTime.now().format(STAMP) + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    SharedSchema() throws SQLException {
        try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
            dropLeftovers(c);
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is not usable at " + baseUrl + " as " + user + " (start it with "
                    + ".ci/postgres.sh, or set CDPHUB_TEST_PG_URL/_USER/_PASSWORD): " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the schema, as the nodes' {@code etc/org.ops4j.datasource-cdphub.cfg} gets it. */
    String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        return connect(url());
    }

    private Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("reWriteBatchedInserts", "true"); // as the shipped PostgreSQL example sets for the hub
        return DriverManager.getConnection(url, properties);
    }

    private static void dropLeftovers(Connection c) throws SQLException {
        String dayAgo = LocalDateTime.now().minusDays(1).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select nspname from pg_namespace where nspname like '" + PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.substring(PREFIX.length()).split("_")[0].compareTo(dayAgo) < 0) {
                    stale.add(name);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : stale) {
                s.execute("drop schema if exists " + name + " cascade");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(baseUrl); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

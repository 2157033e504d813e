package org.cdphub.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the store's contract tests run on. Every {@link #newStore()} is empty and seen by no other test or test
 * run: an in-memory H2 database, or a PostgreSQL schema of its own (dropped when the test JVM exits).
 *
 * <p>PostgreSQL is found at {@value #DEFAULT_PG_URL} (user and password {@code cdphub}), which {@code .ci/postgres.sh}
 * sets up; system properties {@code cdphub.test.pg.url}, {@code .user}, {@code .password} or environment variables
 * {@code CDPHUB_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD} point the tests at another server (the user needs CREATE
 * on the database). When it cannot be reached, the PostgreSQL tests fail, saying how to start it; they are never
 * skipped.
 *
 * <p>Test classes run on both with {@code @ParameterizedClass @EnumSource(TestDatabase.class)}; Surefire's reports name
 * the runs {@code SomeTest[1]} (H2) and {@code SomeTest[2]} (PostgreSQL), in the order of this enum.
 */
public enum TestDatabase {

    H2 {
        @Override
        public String newStore() {
            // LOCK_TIMEOUT: two "nodes" on one database wait for each other's row lock longer than H2's default 1 s
            return "jdbc:h2:mem:cdphub-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        }

        @Override
        public DataSource dataSource(String url) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            return h2;
        }
    },

    POSTGRESQL {
        @Override
        public String newStore() {
            String schema = PostgreSql.createSchema();
            String base = PostgreSql.URL;
            return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public DataSource dataSource(String url) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(PostgreSql.USER);
            pg.setPassword(PostgreSql.PASSWORD);
            return pg;
        }

        @Override
        String user() {
            return PostgreSql.USER;
        }

        @Override
        String password() {
            return PostgreSql.PASSWORD;
        }
    };

    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/cdphub_test";

    /** The JDBC URL of a new, empty store. */
    public abstract String newStore();

    /** A plain (unpooled) DataSource on {@code url}. */
    public abstract DataSource dataSource(String url);

    String user() {
        return "";
    }

    String password() {
        return "";
    }

    /** A new, empty store, not migrated. */
    public DataSource unmigrated() {
        return dataSource(newStore());
    }

    /** A new store with the production migrations applied. */
    public DataSource fresh() {
        DataSource dataSource = unmigrated();
        Migrations.migrate(dataSource);
        return dataSource;
    }

    /** A connection pool of its own on {@code url} (as one Karaf node has); close it after use. */
    public HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user());
        config.setPassword(password());
        config.setMaximumPoolSize(size);
        config.setPoolName("test-" + name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8));
        return new HikariDataSource(config);
    }

    /** Where the PostgreSQL tests connect, and the schemas this JVM created there. */
    private static final class PostgreSql {

        static final String URL = setting("cdphub.test.pg.url", "CDPHUB_TEST_PG_URL", DEFAULT_PG_URL);
        static final String USER = setting("cdphub.test.pg.user", "CDPHUB_TEST_PG_USER", "cdphub");
        static final String PASSWORD = setting("cdphub.test.pg.password", "CDPHUB_TEST_PG_PASSWORD", "cdphub");

        private static final String PREFIX = "cdphub_test_";
        private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
        private static final List<String> CREATED = new ArrayList<>();
        private static boolean started;

        private static String setting(String property, String variable, String fallback) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(variable);
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        /** Creates {@code cdphub_test_<time>_<random>}; the first call also drops such schemas older than a day. */
        static synchronized String createSchema() {
            String schema = PREFIX + LocalDateTime.now().format(STAMP) + "_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            try (Connection c = connect(); Statement s = c.createStatement()) {
                if (!started) {
                    started = true;
                    dropLeftovers(c);
                    Runtime.getRuntime().addShutdownHook(new Thread(PostgreSql::dropCreated, "drop-test-schemas"));
                }
                s.execute("create schema " + schema);
                CREATED.add(schema);
                return schema;
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL is not usable at " + URL + " as user " + USER + ": "
                        + e.getMessage() + "\nThe store tests run on H2 and on PostgreSQL. Start PostgreSQL with "
                        + "'.ci/postgres.sh' (as root on Debian: installs the postgresql package if missing, runs "
                        + "'pg_ctlcluster <version> main start', creates role cdphub/cdphub and database cdphub_test), or "
                        + "point the tests at another PostgreSQL with -Dcdphub.test.pg.url=jdbc:postgresql://host:port/db "
                        + "(or CDPHUB_TEST_PG_URL) and CDPHUB_TEST_PG_USER / CDPHUB_TEST_PG_PASSWORD; the user needs "
                        + "CREATE on that database.", e);
            }
        }

        private static Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            properties.setProperty("password", PASSWORD);
            properties.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(URL, properties);
        }

        /** Schemas that runs which did not end normally (killed JVMs) left behind. */
        private static void dropLeftovers(Connection c) throws SQLException {
            String dayAgo = LocalDateTime.now().minusDays(1).format(STAMP);
            List<String> stale = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select nspname from pg_namespace where nspname like '" + PREFIX + "%'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String stamp = name.substring(PREFIX.length()).split("_")[0];
                    if (stamp.compareTo(dayAgo) < 0) {
                        stale.add(name);
                    }
                }
            }
            dropAll(c, stale);
        }

        private static synchronized void dropCreated() {
            try (Connection c = connect()) {
                dropAll(c, CREATED);
            } catch (SQLException e) {
                System.err.println("could not drop the test schemas " + CREATED + ": " + e.getMessage());
            }
        }

        private static void dropAll(Connection c, List<String> schemas) throws SQLException {
            try (Statement s = c.createStatement()) {
                for (String schema : schemas) {
                    s.execute("drop schema if exists " + schema + " cascade");
                }
            }
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the profile store's schema up to date with Flyway. Scripts live in {@code db/migration/<vendor>} ({@code h2}
 * and {@code postgresql}, one script per version in each, equivalent); {@code {vendor}} in {@link #LOCATION} is
 * replaced here, because Flyway itself does not know that placeholder. The schema is the connection's current one
 * (PostgreSQL: the first of the {@code search_path}, or {@code currentSchema} in the JDBC URL).
 *
 * <p>Inside OSGi, Flyway is embedded in this bundle, with its PostgreSQL plugin: it is configured with this bundle's
 * class loader, and the thread context class loader is set to it while migrating, since Flyway finds its plugins (the
 * database types among them) with {@link java.util.ServiceLoader}.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration/{vendor}";
    public static final String HISTORY_TABLE = "cdp_schema_history";

    private static final Object LOCK = new Object();

    private Migrations() {
    }

    /** Applies pending migrations; safe to call from several components, and again on every activation. */
    public static void migrate(DataSource dataSource) {
        ClassLoader loader = Migrations.class.getClassLoader();
        synchronized (LOCK) {
            String location = LOCATION.replace("{vendor}", vendor(dataSource));
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Flyway.configure(loader)
                        .dataSource(dataSource)
                        .locations(location)
                        .table(HISTORY_TABLE)
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /** The migration folder name for the database behind {@code dataSource}. */
    static String vendor(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("cannot reach the profile store database: " + e.getMessage(), e);
        }
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return "h2";
        }
        if (name.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("unsupported database '" + product + "' for the profile store: use H2 or PostgreSQL");
    }
}

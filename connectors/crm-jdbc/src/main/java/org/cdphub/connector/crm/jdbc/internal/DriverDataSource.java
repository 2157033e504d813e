package org.cdphub.connector.crm.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An unpooled DataSource on one JDBC driver, which the pool wraps. The driver class is loaded through this bundle's
 * class loader (its packages are optional imports), not through {@code DriverManager}, which cannot see drivers in
 * other bundles under OSGi.
 */
final class DriverDataSource implements DataSource {

    private static final Map<String, String> DRIVERS = Map.of(
            "jdbc:postgresql:", "org.postgresql.Driver",
            "jdbc:h2:", "org.h2.Driver");
    static final List<String> PREFIXES = List.of("jdbc:postgresql:", "jdbc:h2:");

    private final String url;
    private final Properties properties = new Properties();
    private final Driver driver;

    DriverDataSource(String url, String user, String password, long connectTimeoutMs) {
        this.url = url;
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeoutMs / 1000)));
            properties.setProperty("ApplicationName", "cdphub crm-jdbc");
        }
        this.driver = load(driverClass(url));
    }

    /** The driver class for {@code url}, or null when this connector carries none. */
    static String driverClass(String url) {
        return PREFIXES.stream().filter(url::startsWith).findFirst().map(DRIVERS::get).orElse(null);
    }

    private static Driver load(String className) {
        try {
            return (Driver) Class.forName(className, true, DriverDataSource.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("jdbc.url: the JDBC driver " + className + " is not installed "
                    + "(install the feature cdphub-jdbc-postgresql or pax-jdbc-h2)", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept the URL");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("user and password are set on the data source");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the pool's connection timeout applies
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

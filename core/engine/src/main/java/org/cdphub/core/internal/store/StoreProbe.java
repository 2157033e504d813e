package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.cdphub.api.service.StoreHealth;

/**
 * {@link StoreHealth} of a DataSource: borrows a connection and asks the driver whether it is valid. A pool that
 * cannot connect keeps the caller until its own timeout (HikariCP's {@code connectionTimeout}); the driver's check
 * waits at most {@value #VALID_SECONDS} s.
 */
public final class StoreProbe implements StoreHealth {

    static final int VALID_SECONDS = 5;

    private final DataSource dataSource;

    public StoreProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}

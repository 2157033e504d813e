package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.cdphub.api.service.StoreHealth;

/**
 * {@link StoreHealth} of a DataSource: borrows a connection and runs an update that matches no row. A store that
 * refuses writes (PostgreSQL in recovery, a replica promoted late after a failover, {@code default_transaction_read_only},
 * an H2 file opened read-only) refuses it as it would refuse a merge, so it counts as not answering; a full disk does
 * not show in it, as nothing is written. A pool that cannot connect keeps the caller until its own timeout (HikariCP's
 * {@code connectionTimeout}); the statement may take {@value #TIMEOUT_SECONDS} s.
 */
public final class StoreProbe implements StoreHealth {

    static final int TIMEOUT_SECONDS = 5;
    /** Refused by a read-only store, changes nothing on another; cdp_setting exists from migration V7 on. */
    static final String CHECK = "update cdp_setting set setting_value = setting_value where 1 = 0";

    private final DataSource dataSource;

    public StoreProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.executeUpdate(CHECK);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}

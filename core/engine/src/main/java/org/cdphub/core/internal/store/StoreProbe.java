package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.cdphub.api.service.StoreHealth;

/**
 * {@link StoreHealth} of a DataSource: borrows a connection and runs an update that matches no row. A store that
 * refuses writes (PostgreSQL in recovery or a standby, {@code default_transaction_read_only}, an H2 file opened
 * read-only) refuses it as it would refuse a merge, so it counts as unavailable; a full disk does not show in it, as
 * nothing is written. It locks no row: on PostgreSQL it takes the table's ROW EXCLUSIVE lock, so it waits only behind
 * DDL or {@code VACUUM FULL} on {@code cdp_setting}, and at most {@value #TIMEOUT_SECONDS} s; on H2 a shared table
 * lock, which nothing takes exclusively at run time. A pool that cannot connect keeps the caller until its own timeout
 * (HikariCP's {@code connectionTimeout}). Why it said no is logged at DEBUG.
 */
public final class StoreProbe implements StoreHealth {

    static final int TIMEOUT_SECONDS = 5;
    private static final System.Logger LOG = System.getLogger(StoreProbe.class.getName());
    /** Refused by a read-only store, changes nothing on another; cdp_setting exists from migration V7 on. */
    static final String CHECK = "update cdp_setting set setting_value = setting_value where 1 = 0";

    private final DataSource dataSource;

    public StoreProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean acceptsWrites() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.executeUpdate(CHECK);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the store does not take writes: {0}", e.toString());
            return false;
        }
    }
}

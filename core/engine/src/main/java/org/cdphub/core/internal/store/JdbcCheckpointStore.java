package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdphub.api.service.CheckpointStore;

/**
 * Checkpoints in {@code cdp_connector_checkpoint}, each call in its own short transaction (no store lock: a checkpoint
 * belongs to one connector instance, and an instance runs its sync in one route). A put is an update, or an insert
 * when there was nothing to update; a concurrent insert of the same key (two nodes) is retried as an update.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final int MAX_VALUE = 4000;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcCheckpointStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> loadCheckpoint(String connectorId, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select cvalue from cdp_connector_checkpoint where connector_id = ? and ckey = ?")) {
            ps.setString(1, connectorId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read checkpoint " + key + " of connector " + connectorId, e);
        }
    }

    @Override
    public void saveCheckpoint(String connectorId, String key, String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("checkpoint " + key + " of connector " + connectorId + " is longer than "
                    + MAX_VALUE + " characters");
        }
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                if (update(c, connectorId, key, value) == 0) {
                    insert(c, connectorId, key, value);
                }
                return;
            } catch (SQLException e) {
                if (attempt >= 3) {
                    throw new StoreException("cannot save checkpoint " + key + " of connector " + connectorId, e);
                }
            }
        }
    }

    @Override
    public void deleteCheckpoint(String connectorId, String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from cdp_connector_checkpoint where connector_id = ? and ckey = ?")) {
            ps.setString(1, connectorId);
            ps.setString(2, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot remove checkpoint " + key + " of connector " + connectorId, e);
        }
    }

    private int update(Connection c, String connectorId, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update cdp_connector_checkpoint set cvalue = ?, updated_at = ?"
                + " where connector_id = ? and ckey = ?")) {
            ps.setString(1, value);
            Jdbc.setInstant(ps, 2, clock.instant());
            ps.setString(3, connectorId);
            ps.setString(4, key);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String connectorId, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into cdp_connector_checkpoint"
                + " (connector_id, ckey, cvalue, updated_at) values (?, ?, ?, ?)")) {
            ps.setString(1, connectorId);
            ps.setString(2, key);
            ps.setString(3, value);
            Jdbc.setInstant(ps, 4, clock.instant());
            ps.executeUpdate();
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL on {@code cdp_setting}: small named values of the store itself (for example the state of a backfill). */
public final class SettingTable {

    private SettingTable() {
    }

    public static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select setting_value from cdp_setting where setting_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void put(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update cdp_setting set setting_value = ? where setting_name = ?")) {
            update.setString(1, value);
            update.setString(2, name);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert into cdp_setting (setting_name, setting_value) values (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
        }
    }
}

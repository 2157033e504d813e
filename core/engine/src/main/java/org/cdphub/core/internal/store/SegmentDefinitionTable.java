package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** SQL on {@code cdp_segment_definition}: the hash of the definition each segment was last evaluated with. */
public final class SegmentDefinitionTable {

    private SegmentDefinitionTable() {
    }

    public static Map<String, String> hashes(Connection c) throws SQLException {
        Map<String, String> hashes = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select segment, hash from cdp_segment_definition");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hashes.put(rs.getString(1), rs.getString(2));
            }
        }
        return hashes;
    }

    /** Replaces the stored hashes with {@code hashes} (segment to hash). */
    public static void replace(Connection c, Map<String, String> hashes, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from cdp_segment_definition");
                PreparedStatement insert = c.prepareStatement(
                        "insert into cdp_segment_definition (segment, hash, updated_at) values (?, ?, ?)")) {
            delete.executeUpdate();
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                Jdbc.setInstant(insert, 3, now);
                insert.addBatch();
            }
            if (!hashes.isEmpty()) {
                insert.executeBatch();
            }
        }
    }
}

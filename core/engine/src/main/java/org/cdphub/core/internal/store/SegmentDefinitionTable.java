package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SQL on {@code cdp_segment_definition}: the hash of the definition each segment was last evaluated with, and which
 * segments the running sweep over every profile evaluates ({@code sweep}).
 */
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

    /** The segments the running sweep evaluates (empty when none runs). */
    public static Set<String> swept(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("select segment from cdp_segment_definition where sweep");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Replaces the stored hashes with {@code hashes} (segment to hash); {@code swept} are marked for the sweep. */
    public static void replace(Connection c, Map<String, String> hashes, Set<String> swept, Instant now)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from cdp_segment_definition");
                PreparedStatement insert = c.prepareStatement(
                        "insert into cdp_segment_definition (segment, hash, updated_at, sweep) values (?, ?, ?, ?)")) {
            delete.executeUpdate();
            for (Map.Entry<String, String> e : hashes.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, e.getValue());
                Jdbc.setInstant(insert, 3, now);
                insert.setBoolean(4, swept.contains(e.getKey()));
                insert.addBatch();
            }
            if (!hashes.isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    /** The sweep is done: no segment is marked any more. */
    public static void sweepDone(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update cdp_segment_definition set sweep = false where sweep")) {
            ps.executeUpdate();
        }
    }
}

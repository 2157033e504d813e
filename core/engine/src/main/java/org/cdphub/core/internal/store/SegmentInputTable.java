package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL on {@code cdp_segment_input}: per profile, the hashes of the fields the segment definitions last read. */
public final class SegmentInputTable {

    private SegmentInputTable() {
    }

    /** The stored hashes of each of {@code profileIds} that has any. */
    public static Map<String, String> load(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, String> out = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, hashes from cdp_segment_input where profile_id in (", profileIds,
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /**
     * Stores {@code hashes} (profile to text) where they differ from {@code stored} (what {@link #load} gave for those
     * profiles), and deletes the rows of {@code gone}: one batch each.
     */
    public static void write(Connection c, Map<String, String> hashes, Map<String, String> stored,
            Collection<String> gone) throws SQLException {
        List<String[]> inserts = new ArrayList<>();
        List<String[]> updates = new ArrayList<>();
        hashes.forEach((id, text) -> {
            String before = stored.get(id);
            if (before == null) {
                inserts.add(new String[] {text, id});
            } else if (!before.equals(text)) {
                updates.add(new String[] {text, id});
            }
        });
        batch(c, "insert into cdp_segment_input (hashes, profile_id) values (?, ?)", inserts);
        batch(c, "update cdp_segment_input set hashes = ? where profile_id = ?", updates);
        for (List<String> chunk : Jdbc.chunks(gone, Jdbc.MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement("delete from cdp_segment_input where profile_id in ("
                    + Jdbc.markers(chunk.size()) + ")")) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
    }

    private static void batch(Connection c, String sql, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String[] row : rows) {
                ps.setString(1, row[0]);
                ps.setString(2, row[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL on {@code cdp_block_key}: the blocking keys of every profile, rewritten when the profile is recomputed. */
public final class BlockKeyTable {

    private BlockKeyTable() {
    }

    /** Deletes the keys of {@code deleteFor} and inserts {@code keysByProfile}. */
    public static void replace(Connection c, Collection<String> deleteFor, Map<String, Set<String>> keysByProfile)
            throws SQLException {
        for (List<String> chunk : Jdbc.chunks(deleteFor, Jdbc.MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from cdp_block_key where profile_id in (" + Jdbc.markers(chunk.size()) + ")")) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_block_key (block_key, profile_id) values (?, ?)")) {
            int n = 0;
            for (Map.Entry<String, Set<String>> e : keysByProfile.entrySet()) {
                for (String key : e.getValue()) {
                    ps.setString(1, key);
                    ps.setString(2, e.getKey());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Per key, the profiles holding it (at most {@code capPerKey} each, smallest ids first). */
    public static Map<String, List<String>> profilesByKey(Connection c, Collection<String> keys, int capPerKey)
            throws SQLException {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (List<String> chunk : Jdbc.chunks(keys, Jdbc.MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement("select block_key, profile_id from cdp_block_key"
                    + " where block_key in (" + Jdbc.markers(chunk.size()) + ") order by block_key, profile_id")) {
                Jdbc.bindAll(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> ids = byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                        if (ids.size() < capPerKey) {
                            ids.add(rs.getString(2));
                        }
                    }
                }
            }
        }
        return byKey;
    }
}

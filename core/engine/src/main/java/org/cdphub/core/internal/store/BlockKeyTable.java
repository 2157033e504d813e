package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL on {@code cdp_block_key}: the blocking keys of every profile, rewritten when the profile is recomputed. */
public final class BlockKeyTable {

    private BlockKeyTable() {
    }

    /**
     * Makes the keys of the profiles of {@code deleteFor} (and of {@code keysByProfile}) exactly
     * {@code keysByProfile}: reads the stored keys of {@code maybeStored} (those not created just now) in one query and
     * writes only the difference, since a recomputed profile mostly keeps its keys.
     */
    public static void replace(Connection c, Collection<String> deleteFor, Collection<String> maybeStored,
            Map<String, Set<String>> keysByProfile) throws SQLException {
        Set<String> profiles = new LinkedHashSet<>(deleteFor);
        profiles.addAll(keysByProfile.keySet());
        KeyDifference difference = KeyDifference.of(profiles, keysOf(c, maybeStored), keysByProfile);
        difference.delete(c, "delete from cdp_block_key where block_key = ? and profile_id = ?");
        if (!difference.inserts().isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cdp_block_key (block_key, profile_id) values (?, ?)")) {
                for (KeyDifference.Row row : difference.inserts()) {
                    insert.setString(1, row.key());
                    insert.setString(2, row.profileId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    private static Map<String, Set<String>> keysOf(Connection c, Collection<String> profiles) throws SQLException {
        Map<String, Set<String>> keys = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, block_key from cdp_block_key where profile_id", profiles,
                rs -> keys.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)));
        return keys;
    }

    /** Per key, the profiles holding it (at most {@code capPerKey} each, smallest ids first). */
    public static Map<String, List<String>> profilesByKey(Connection c, Collection<String> keys, int capPerKey)
            throws SQLException {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Jdbc.In in : Jdbc.in(c, keys)) {
            try (PreparedStatement ps = c.prepareStatement("select block_key, profile_id from cdp_block_key"
                    + " where block_key " + in.sql() + " order by block_key, profile_id")) {
                in.bind(ps, 1);
                Jdbc.forEachRow(ps, rs -> {
                    List<String> ids = byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    if (ids.size() < capPerKey) {
                        ids.add(rs.getString(2));
                    }
                });
            }
        }
        return byKey;
    }
}

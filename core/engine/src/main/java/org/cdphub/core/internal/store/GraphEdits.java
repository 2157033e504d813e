package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SQL the identity graph needs beyond merging whole profiles: moving single fragments (splits), deleting fragments
 * and the aliases of removed profiles (erasure), and reading which identifiers a profile holds.
 */
public final class GraphEdits {


    private GraphEdits() {
    }

    /** Moves each fragment (key) to a profile (value). */
    public static void moveFragments(Connection c, Map<FragmentKey, String> targets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update cdp_fragment set profile_id = ? where source = ? and source_record_id = ?")) {
            for (Map.Entry<FragmentKey, String> e : targets.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey().source());
                ps.setString(3, e.getKey().sourceRecordId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void deleteFragments(Connection c, Collection<FragmentKey> keys) throws SQLException {
        FragmentKeys.delete(c, "cdp_fragment", keys);
    }

    /** Deletes the aliases that point at {@code profileIds}. */
    public static void deleteAliasesOf(Connection c, Collection<String> profileIds) throws SQLException {
        Jdbc.updateIn(c, "delete from cdp_profile_alias where profile_id", profileIds);
    }

    /** The identifier keys each of {@code profileIds} holds in {@code cdp_identifier}. */
    public static Map<String, Set<String>> identifierKeysOf(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, Set<String>> keys = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, id_key from cdp_identifier where profile_id", profileIds,
                rs -> keys.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2)));
        return keys;
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL on {@code cdp_profile_alias}: ids of absorbed profiles, each pointing straight at its live profile. */
public final class AliasTable {

    private AliasTable() {
    }

    /** Records that each absorbed profile (key) now lives on in its survivor (value), and repoints older aliases. */
    public static void absorb(Connection c, Map<String, String> absorbedToSurvivor, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update cdp_profile_alias set profile_id = ? where profile_id = ?")) {
            for (Map.Entry<String, String> e : absorbedToSurvivor.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_profile_alias (alias_id, profile_id, merged_at) values (?, ?, ?)")) {
            for (Map.Entry<String, String> e : absorbedToSurvivor.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                Jdbc.setInstant(ps, 3, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Aliases of each of {@code profileIds}, sorted (in Java: the database's collation must not decide). */
    public static Map<String, List<String>> aliasesOf(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, List<String>> aliases = new HashMap<>();
        Jdbc.forEachRowIn(c, "select alias_id, profile_id from cdp_profile_alias where profile_id", profileIds,
                rs -> aliases.computeIfAbsent(rs.getString("profile_id"), k -> new ArrayList<>())
                        .add(rs.getString("alias_id")));
        aliases.values().forEach(Collections::sort);
        return aliases;
    }

    /** The live profile of each of {@code aliasIds} that is an alias. */
    public static Map<String, String> resolve(Connection c, Collection<String> aliasIds) throws SQLException {
        Map<String, String> live = new HashMap<>();
        Jdbc.forEachRowIn(c, "select alias_id, profile_id from cdp_profile_alias where alias_id", aliasIds,
                rs -> live.put(rs.getString("alias_id"), rs.getString("profile_id")));
        return live;
    }
}

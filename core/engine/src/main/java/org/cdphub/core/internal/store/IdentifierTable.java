package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;

/** SQL on {@code cdp_identifier}: which profile holds an identifier ({@code type:value}). */
public final class IdentifierTable {

    private IdentifierTable() {
    }

    /** Owner profile of each of {@code keys} that is stored. */
    public static Map<String, String> owners(Connection c, Collection<String> keys) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(keys, Jdbc.MAX_PARAMS)) {
            String sql = "select id_key, profile_id from cdp_identifier where id_key in (" + Jdbc.markers(chunk.size())
                    + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bindAll(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owners.put(rs.getString("id_key"), rs.getString("profile_id"));
                    }
                }
            }
        }
        return owners;
    }

    public static void deleteForProfiles(Connection c, Collection<String> profileIds) throws SQLException {
        for (List<String> chunk : Jdbc.chunks(profileIds, Jdbc.MAX_PARAMS)) {
            String sql = "delete from cdp_identifier where profile_id in (" + Jdbc.markers(chunk.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
    }

    /** Inserts the identifiers of each profile (key); they must not be stored yet. */
    public static void insert(Connection c, Map<String, List<Identifier>> byProfile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_identifier (id_key, id_type, profile_id) values (?, ?, ?)")) {
            for (Map.Entry<String, List<Identifier>> e : byProfile.entrySet()) {
                for (Identifier identifier : e.getValue()) {
                    ps.setString(1, identifier.key());
                    ps.setString(2, identifier.type());
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}

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
import org.cdphub.api.model.Identifier;

/** SQL on {@code cdp_identifier}: which profile holds an identifier ({@code type:value}). */
public final class IdentifierTable {

    private IdentifierTable() {
    }

    /** Owner profile of each of {@code keys} that is stored. */
    public static Map<String, String> owners(Connection c, Collection<String> keys) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        Jdbc.forEachRowIn(c, "select id_key, profile_id from cdp_identifier where id_key", keys,
                rs -> owners.put(rs.getString("id_key"), rs.getString("profile_id")));
        return owners;
    }

    /**
     * Makes the identifier rows of {@code profiles} (and of {@code byProfile}) exactly {@code byProfile} (a profile it
     * lacks holds none), writing only the difference to the rows stored now, since a recomputed profile mostly keeps
     * its identifiers. Deletes go first, so an identifier may move between two of {@code profiles}.
     *
     * @param stored the keys stored now, by profile ({@link GraphEdits#identifierKeysOf}); a profile missing from it
     *               holds none (one created just now)
     */
    public static void replace(Connection c, Collection<String> profiles, Map<String, ? extends Set<String>> stored,
            Map<String, List<Identifier>> byProfile) throws SQLException {
        Set<String> all = new LinkedHashSet<>(profiles);
        all.addAll(byProfile.keySet());
        Map<String, Set<String>> wanted = new HashMap<>();
        Map<String, Identifier> byKey = new HashMap<>();
        byProfile.forEach((profile, identifiers) -> identifiers.forEach(identifier -> {
            wanted.computeIfAbsent(profile, p -> new HashSet<>()).add(identifier.key());
            byKey.put(identifier.key(), identifier);
        }));
        KeyDifference difference = KeyDifference.of(all, stored, wanted);
        difference.delete(c, "delete from cdp_identifier where id_key = ? and profile_id = ?"); // first: may move
        Map<String, List<Identifier>> inserts = new LinkedHashMap<>();
        difference.inserts().forEach(row -> inserts.computeIfAbsent(row.profileId(), p -> new ArrayList<>())
                .add(byKey.get(row.key())));
        insert(c, inserts);
    }

    /** Inserts the identifiers of each profile (key); they must not be stored yet. */
    public static void insert(Connection c, Map<String, List<Identifier>> byProfile) throws SQLException {
        if (!Jdbc.isH2(c)) {
            List<Map.Entry<String, Identifier>> rows = new ArrayList<>();
            byProfile.forEach((profile, identifiers) -> identifiers.forEach(i -> rows.add(Map.entry(profile, i))));
            ColumnArrays.insert(c, "cdp_identifier", rows,
                    ColumnArrays.Column.varchar("id_key", (Map.Entry<String, Identifier> r) -> r.getValue().key()),
                    ColumnArrays.Column.varchar("id_type", r -> r.getValue().type()),
                    ColumnArrays.Column.varchar("profile_id", Map.Entry::getKey));
            return;
        }
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

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What turns the keys each profile holds in a (key, profile) table into the keys it should hold: the rows to delete and
 * the rows to insert. A recomputed profile mostly keeps its identifiers and blocking keys, so writing the difference
 * is far cheaper than deleting and inserting them all.
 */
record KeyDifference(List<Row> deletes, List<Row> inserts) {

    /** One (key, profile) row. */
    record Row(String key, String profileId) {
    }

    /** @param stored and {@code wanted}: the keys by profile; a profile missing from one holds or wants none */
    static KeyDifference of(Collection<String> profiles, Map<String, ? extends Set<String>> stored,
            Map<String, ? extends Set<String>> wanted) {
        List<Row> deletes = new ArrayList<>();
        List<Row> inserts = new ArrayList<>();
        for (String profile : profiles) {
            Set<String> before = stored.containsKey(profile) ? stored.get(profile) : Set.of();
            Set<String> after = wanted.containsKey(profile) ? wanted.get(profile) : Set.of();
            before.stream().filter(k -> !after.contains(k)).forEach(k -> deletes.add(new Row(k, profile)));
            after.stream().filter(k -> !before.contains(k)).forEach(k -> inserts.add(new Row(k, profile)));
        }
        return new KeyDifference(deletes, inserts);
    }

    /** Deletes {@link #deletes} with {@code sql}, whose parameters are the key and the profile id; one JDBC batch. */
    void delete(Connection c, String sql) throws SQLException {
        if (deletes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Row row : deletes) {
                ps.setString(1, row.key());
                ps.setString(2, row.profileId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

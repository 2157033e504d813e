package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;

/**
 * SQL on {@code cdp_fragment}; every method is set-based (lookups by many keys, rows in bulk as arrays on PostgreSQL
 * and JDBC batches on H2).
 */
public final class FragmentTable {


    private FragmentTable() {
    }

    /** Owner, observedAt and content hash of those of {@code keys} that are stored. */
    public static Map<FragmentKey, StoredHead> heads(Connection c, Collection<FragmentKey> keys) throws SQLException {
        Map<FragmentKey, StoredHead> heads = new HashMap<>();
        FragmentKeys.select(c, "t.source, t.source_record_id, t.profile_id, t.observed_at, t.content_hash",
                "cdp_fragment", keys, rs -> heads.put(new FragmentKey(rs.getString(1), rs.getString(2)),
                        new StoredHead(rs.getString(3), Jdbc.getInstant(rs, "observed_at"), rs.getString(5))));
        return heads;
    }

    /** Moves the fragments of each absorbed profile (key) to its survivor (value). */
    public static void reassign(Connection c, Map<String, String> absorbedToSurvivor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update cdp_fragment set profile_id = ? where profile_id = ?")) {
            for (Map.Entry<String, String> e : absorbedToSurvivor.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes {@code rows}, replacing stored rows with the same keys (delete, then insert).
     *
     * @param stored the keys among {@code rows} (or more) that may be stored: only these are deleted first
     */
    public static void replace(Connection c, List<FragmentRow> rows, Collection<FragmentKey> stored)
            throws SQLException {
        FragmentKeys.delete(c, "cdp_fragment", stored);
        if (!Jdbc.isH2(c)) {
            ColumnArrays.insert(c, "cdp_fragment", rows,
                    ColumnArrays.Column.varchar("source", (FragmentRow r) -> r.key().source()),
                    ColumnArrays.Column.varchar("source_record_id", r -> r.key().sourceRecordId()),
                    ColumnArrays.Column.varchar("profile_id", FragmentRow::profileId),
                    ColumnArrays.Column.timestamptz("observed_at", FragmentRow::observedAt),
                    ColumnArrays.Column.varchar("content_hash", FragmentRow::contentHash),
                    ColumnArrays.Column.text("body", FragmentRow::body),
                    ColumnArrays.Column.timestamptz("expires_at", FragmentRow::expiresAt));
            return;
        }
        String insert = "insert into cdp_fragment (source, source_record_id, profile_id, observed_at, content_hash, body,"
                + " expires_at) values (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (FragmentRow row : rows) {
                ps.setString(1, row.key().source());
                ps.setString(2, row.key().sourceRecordId());
                ps.setString(3, row.profileId());
                Jdbc.setInstant(ps, 4, row.observedAt());
                ps.setString(5, row.contentHash());
                ps.setString(6, row.body());
                Jdbc.setInstant(ps, 7, row.expiresAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keys of up to {@code limit} stored fragments whose {@code expires_at} is at or before {@code now}. */
    public static List<FragmentKey> expired(Connection c, java.time.Instant now, int limit) throws SQLException {
        List<FragmentKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select source, source_record_id from cdp_fragment"
                + " where expires_at <= ? order by expires_at")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new FragmentKey(rs.getString("source"), rs.getString("source_record_id")));
                }
            }
        }
        return keys;
    }

    /** The stored versions of those of {@code keys} that are stored. */
    public static Map<FragmentKey, Fragment> bodies(Connection c, Collection<FragmentKey> keys) throws SQLException {
        Map<FragmentKey, Fragment> bodies = new LinkedHashMap<>();
        FragmentKeys.select(c, "t.source, t.source_record_id, t.body", "cdp_fragment", keys,
                rs -> bodies.put(new FragmentKey(rs.getString(1), rs.getString(2)),
                        CdpJson.read(rs.getString(3), Fragment.class)));
        return bodies;
    }

    /** All stored fragments of each of {@code profileIds}. */
    public static Map<String, List<Fragment>> byProfile(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, List<Fragment>> fragments = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, body from cdp_fragment where profile_id", profileIds,
                rs -> fragments.computeIfAbsent(rs.getString("profile_id"), k -> new ArrayList<>())
                        .add(CdpJson.read(rs.getString("body"), Fragment.class)));
        return fragments;
    }

}

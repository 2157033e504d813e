package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL on {@code cdp_segment_schedule}: when each profile is due for re-evaluation without new data. */
public final class ScheduleTable {

    private ScheduleTable() {
    }

    /** Sets the due time of each profile (key); a null value removes the profile from the schedule. */
    public static void replace(Connection c, Map<String, Instant> dueAt) throws SQLException {
        delete(c, dueAt.keySet());
        insert(c, dueAt);
    }

    /** Adds due times for profiles that have none (null values are skipped). */
    public static void insert(Connection c, Map<String, Instant> dueAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_segment_schedule (profile_id, due_at) values (?, ?)")) {
            int n = 0;
            for (Map.Entry<String, Instant> e : dueAt.entrySet()) {
                if (e.getValue() != null) {
                    ps.setString(1, e.getKey());
                    Jdbc.setInstant(ps, 2, e.getValue());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * The due times of a keyset page of profiles: ids after {@code afterId} (exclusive; empty: from the start) up to
     * {@code lastId} (inclusive).
     */
    public static Map<String, Instant> between(Connection c, String afterId, String lastId) throws SQLException {
        Map<String, Instant> due = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id, due_at from cdp_segment_schedule where profile_id > ? and profile_id <= ?")) {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setString(2, lastId);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.put(rs.getString(1), Jdbc.getInstant(rs, "due_at"));
                }
            }
        }
        return due;
    }

    public static void delete(Connection c, Collection<String> profileIds) throws SQLException {
        for (List<String> chunk : Jdbc.chunks(profileIds, Jdbc.MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement("delete from cdp_segment_schedule where profile_id in ("
                    + Jdbc.markers(chunk.size()) + ")")) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
    }

    /** The due times of those of {@code profileIds} that have one. */
    public static Map<String, Instant> load(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, Instant> due = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, due_at from cdp_segment_schedule where profile_id in (", profileIds,
                rs -> due.put(rs.getString(1), Jdbc.getInstant(rs, "due_at")));
        return due;
    }

    /** Up to {@code limit} profiles due at or before {@code now}, earliest first. */
    public static List<String> due(Connection c, Instant now, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id from cdp_segment_schedule where due_at <= ? order by due_at, profile_id")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}

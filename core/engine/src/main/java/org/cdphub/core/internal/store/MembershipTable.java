package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.SegmentMembership;

/** SQL on {@code cdp_segment_membership} and on {@code cdp_segment} (when each segment last changed). */
public final class MembershipTable {

    private MembershipTable() {
    }

    /** Memberships of each of {@code profileIds}, sorted by segment name (in Java, whatever the collation). */
    public static Map<String, List<SegmentMembership>> load(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, List<SegmentMembership>> memberships = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(profileIds, Jdbc.MAX_PARAMS)) {
            String sql = "select profile_id, segment, since from cdp_segment_membership where profile_id in ("
                    + Jdbc.markers(chunk.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bindAll(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        memberships.computeIfAbsent(rs.getString("profile_id"), k -> new ArrayList<>())
                                .add(new SegmentMembership(rs.getString("segment"), Jdbc.getInstant(rs, "since")));
                    }
                }
            }
        }
        memberships.values().forEach(list -> list.sort(Comparator.comparing(SegmentMembership::segment)));
        return memberships;
    }

    /**
     * Memberships of the profiles with ids after {@code afterId} (exclusive; empty: from the start) up to
     * {@code lastId} (inclusive): one range scan of the primary key, for a keyset page of profiles.
     */
    public static Map<String, List<SegmentMembership>> between(Connection c, String afterId, String lastId)
            throws SQLException {
        Map<String, List<SegmentMembership>> memberships = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select profile_id, segment, since from cdp_segment_membership"
                + " where profile_id > ? and profile_id <= ?")) {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setString(2, lastId);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    memberships.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new SegmentMembership(rs.getString(2), Jdbc.getInstant(rs, "since")));
                }
            }
        }
        return memberships;
    }

    /** Deletes every membership of {@code profileIds}. */
    public static void deleteForProfiles(Connection c, Collection<String> profileIds) throws SQLException {
        for (List<String> chunk : Jdbc.chunks(profileIds, Jdbc.MAX_PARAMS)) {
            String sql = "delete from cdp_segment_membership where profile_id in (" + Jdbc.markers(chunk.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
    }

    public static void insert(Connection c, List<MembershipRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_segment_membership (profile_id, segment, since) values (?, ?, ?)")) {
            for (MembershipRow row : rows) {
                ps.setString(1, row.profileId());
                ps.setString(2, row.segment());
                Jdbc.setInstant(ps, 3, row.since());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void delete(Connection c, List<MembershipRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from cdp_segment_membership where profile_id = ? and segment = ?")) {
            for (MembershipRow row : rows) {
                ps.setString(1, row.profileId());
                ps.setString(2, row.segment());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Merges the memberships of absorbed profiles into their survivors: one row per segment, with the earliest
     * {@code since}. {@code current} must hold the memberships of every absorbed profile and every survivor.
     */
    public static void moveToSurvivors(Connection c, Map<String, String> absorbedToSurvivor,
            Map<String, List<SegmentMembership>> current) throws SQLException {
        Map<String, Map<String, Instant>> merged = new LinkedHashMap<>();
        absorbedToSurvivor.forEach((absorbed, survivor) -> {
            Map<String, Instant> target = merged.computeIfAbsent(survivor, k -> new LinkedHashMap<>());
            for (String id : List.of(survivor, absorbed)) {
                for (SegmentMembership m : current.getOrDefault(id, List.of())) {
                    target.merge(m.segment(), m.since(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        });
        List<String> involved = new ArrayList<>(absorbedToSurvivor.keySet());
        involved.addAll(merged.keySet());
        deleteForProfiles(c, involved);
        List<MembershipRow> rows = new ArrayList<>();
        merged.forEach((survivor, segments) -> segments.forEach(
                (segment, since) -> rows.add(new MembershipRow(survivor, segment, since))));
        rows.sort(Comparator.comparing(MembershipRow::profileId).thenComparing(MembershipRow::segment));
        insert(c, rows);
    }

    /** Up to {@code limit} members of {@code segment}, most recent entry first. */
    public static List<MembershipRow> members(Connection c, String segment, int limit) throws SQLException {
        List<MembershipRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select profile_id, since from cdp_segment_membership"
                + " where segment = ? order by since desc, profile_id")) {
            ps.setString(1, segment);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MembershipRow(rs.getString(1), segment, Jdbc.getInstant(rs, "since")));
                }
            }
        }
        return rows;
    }

    /** Number of members of each segment that has any. */
    public static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select segment, count(*) from cdp_segment_membership group by segment");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Records that the membership of {@code segments} changed at {@code at} (update, then insert what is missing). */
    public static void touchSegments(Connection c, Collection<String> segments, Instant at) throws SQLException {
        Map<String, Instant> known = lastChanges(c);
        try (PreparedStatement update = c.prepareStatement("update cdp_segment set last_change = ? where segment = ?");
                PreparedStatement insert = c.prepareStatement(
                        "insert into cdp_segment (last_change, segment) values (?, ?)")) {
            for (String segment : segments) {
                PreparedStatement ps = known.containsKey(segment) ? update : insert;
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, segment);
                ps.addBatch();
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    /** When each segment's membership last changed. */
    public static Map<String, Instant> lastChanges(Connection c) throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select segment, last_change from cdp_segment");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                last.put(rs.getString("segment"), Jdbc.getInstant(rs, "last_change"));
            }
        }
        return last;
    }
}

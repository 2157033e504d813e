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
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.cdphub.api.model.SegmentMembership;

/**
 * SQL on {@code cdp_membership} (one row per profile with its memberships, see {@link Memberships}) and on
 * {@code cdp_segment} (per segment: members, when its membership last changed). Every write goes through
 * {@link #write}, which keeps the member counts in step.
 */
public final class MembershipTable {

    private MembershipTable() {
    }

    /** Memberships of each of {@code profileIds} that has any, sorted by segment name. */
    public static Map<String, List<SegmentMembership>> load(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, List<SegmentMembership>> memberships = new HashMap<>();
        loadMaps(c, profileIds).forEach((id, map) -> {
            List<SegmentMembership> list = new ArrayList<>(map.size());
            map.forEach((segment, since) -> list.add(new SegmentMembership(segment, since)));
            memberships.put(id, list);
        });
        return memberships;
    }

    /** The same as segment-to-since maps (sorted by segment), the form evaluation works with. */
    public static Map<String, Map<String, Instant>> loadMaps(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, Map<String, Instant>> memberships = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, segments from cdp_membership where profile_id in (", profileIds,
                rs -> read(rs, memberships));
        return memberships;
    }

    /**
     * Memberships (segment to since) of the profiles with ids after {@code afterId} (exclusive; empty: from the start)
     * up to {@code lastId} (inclusive): one range scan of the primary key, for a keyset page of profiles.
     */
    public static Map<String, Map<String, Instant>> between(Connection c, String afterId, String lastId)
            throws SQLException {
        Map<String, Map<String, Instant>> memberships = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id, segments from cdp_membership where profile_id > ? and profile_id <= ?")) {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setString(2, lastId);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read(rs, memberships);
                }
            }
        }
        return memberships;
    }

    private static void read(ResultSet rs, Map<String, Map<String, Instant>> into) throws SQLException {
        Map<String, Instant> map = Memberships.decode(rs.getString(2));
        if (!map.isEmpty()) {
            into.put(rs.getString(1), map);
        }
    }

    /**
     * Stores the memberships of profiles: {@code after} (profile to segment to since; an empty or missing map: none)
     * replaces {@code before}, which must be what is stored for each profile of {@code after}. Writes only the rows
     * that differ, as JDBC batches, and adds the difference to each segment's member count.
     */
    public static void write(Connection c, Map<String, ? extends Map<String, Instant>> before,
            Map<String, ? extends Map<String, Instant>> after, Instant now) throws SQLException {
        List<RowChange> rows = new ArrayList<>();
        after.forEach((id, is) -> {
            RowChange row = change(id, before.get(id), is);
            if (row != null) {
                rows.add(row);
            }
        });
        apply(c, rows, now);
    }

    /**
     * What storing one profile's memberships takes: its new text ({@code null}: no row any more), whether it has a
     * row now, and the member count changes of its segments.
     */
    public record RowChange(String profileId, String text, boolean stored, Map<String, Long> counts) {
    }

    /**
     * The change of one profile's row from {@code before} to {@code after} (null or empty: none); null when they are
     * equal. Pure, so that the threads that evaluate can work it out for the one that writes.
     */
    public static RowChange change(String profileId, Map<String, Instant> before, Map<String, Instant> after) {
        Map<String, Instant> was = before == null ? Map.of() : before;
        Map<String, Instant> is = after == null ? Map.of() : after;
        if (was.equals(is)) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        for (String s : was.keySet()) {
            if (!is.containsKey(s)) {
                counts.put(s, -1L);
            }
        }
        for (String s : is.keySet()) {
            if (!was.containsKey(s)) {
                counts.put(s, 1L);
            }
        }
        return new RowChange(profileId, is.isEmpty() ? null : Memberships.encode(is), !was.isEmpty(), counts);
    }

    /** Writes {@code rows} as JDBC batches (inserts, updates, deletes) and adds their member count changes. */
    public static void apply(Connection c, List<RowChange> rows, Instant now) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        apply(c, rows, counts);
        addCounts(c, counts, now);
    }

    /**
     * Writes {@code rows} as JDBC batches and adds their member count changes to {@code counts}, for the caller to
     * store with {@link #addCounts} once for many calls (the sweep: once per page, not per chunk).
     */
    public static void apply(Connection c, List<RowChange> rows, Map<String, Long> counts) throws SQLException {
        Map<String, String> inserts = new LinkedHashMap<>();
        Map<String, String> updates = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        for (RowChange row : rows) {
            row.counts().forEach((segment, n) -> counts.merge(segment, n, Long::sum));
            if (row.text() == null) {
                if (row.stored()) {
                    deletes.add(row.profileId());
                }
            } else {
                (row.stored() ? updates : inserts).put(row.profileId(), row.text());
            }
        }
        if (!inserts.isEmpty()) {
            batch(c, "insert into cdp_membership (segments, profile_id) values (?, ?)", inserts);
        }
        if (!updates.isEmpty()) {
            batch(c, "update cdp_membership set segments = ? where profile_id = ?", updates);
        }
        for (List<String> chunk : Jdbc.chunks(deletes, Jdbc.MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from cdp_membership where profile_id in (" + Jdbc.markers(chunk.size()) + ")")) {
                Jdbc.bindAll(ps, chunk);
                ps.executeUpdate();
            }
        }
    }

    private static void batch(Connection c, String sql, Map<String, String> segmentsById) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, String> e : segmentsById.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Adds {@code rows} to the stored memberships (a row of a segment the profile is in already replaces it). */
    public static void insert(Connection c, List<MembershipRow> rows, Instant now) throws SQLException {
        edit(c, rows, true, now);
    }

    /** Removes {@code rows} (profile and segment) from the stored memberships. */
    public static void delete(Connection c, List<MembershipRow> rows, Instant now) throws SQLException {
        edit(c, rows, false, now);
    }

    private static void edit(Connection c, List<MembershipRow> rows, boolean add, Instant now) throws SQLException {
        Map<String, Map<String, Instant>> before = loadMaps(c, rows.stream().map(MembershipRow::profileId)
                .distinct().toList());
        Map<String, Map<String, Instant>> after = new HashMap<>();
        for (MembershipRow row : rows) {
            Map<String, Instant> target = after.computeIfAbsent(row.profileId(),
                    id -> new TreeMap<>(before.getOrDefault(id, Map.of())));
            if (add) {
                target.put(row.segment(), row.since());
            } else {
                target.remove(row.segment());
            }
        }
        write(c, before, after, now);
    }

    /** The memberships as maps of segment to since, by profile. */
    public static Map<String, Map<String, Instant>> asMaps(Map<String, List<SegmentMembership>> memberships) {
        Map<String, Map<String, Instant>> out = new HashMap<>();
        memberships.forEach((id, list) -> {
            Map<String, Instant> map = new TreeMap<>();
            list.forEach(m -> map.put(m.segment(), m.since()));
            out.put(id, map);
        });
        return out;
    }

    /**
     * Merges the memberships of absorbed profiles into their survivors: one per segment, with the earliest
     * {@code since}. {@code current} must hold the memberships of every absorbed profile and every survivor.
     */
    public static void moveToSurvivors(Connection c, Map<String, String> absorbedToSurvivor,
            Map<String, List<SegmentMembership>> current, Instant now) throws SQLException {
        Map<String, Map<String, Instant>> before = asMaps(current);
        Map<String, Map<String, Instant>> after = new HashMap<>();
        absorbedToSurvivor.forEach((absorbed, survivor) -> {
            Map<String, Instant> target = after.computeIfAbsent(survivor,
                    k -> new TreeMap<>(before.getOrDefault(survivor, Map.of())));
            before.getOrDefault(absorbed, Map.of()).forEach((segment, since) ->
                    target.merge(segment, since, (a, b) -> a.isBefore(b) ? a : b));
            after.put(absorbed, Map.of());
        });
        write(c, before, after, now);
    }

    /**
     * Up to {@code limit} members of {@code segment}, most recent entry first: one scan of {@code cdp_membership}
     * (a console and REST look, not a hot path), keeping the {@code limit} latest in memory.
     */
    public static List<MembershipRow> members(Connection c, String segment, int limit) throws SQLException {
        Comparator<MembershipRow> latestFirst = Comparator.comparing(MembershipRow::since).reversed()
                .thenComparing(MembershipRow::profileId);
        PriorityQueue<MembershipRow> kept = new PriorityQueue<>(latestFirst.reversed());
        if (limit <= 0) {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id, segments from cdp_membership where segments like ?")) {
            ps.setString(1, "%" + Memberships.marker(segment) + "%");
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant since = Memberships.decode(rs.getString(2)).get(segment);
                    if (since == null) {
                        continue;
                    }
                    kept.add(new MembershipRow(rs.getString(1), segment, since));
                    if (kept.size() > limit) {
                        kept.poll();
                    }
                }
            }
        }
        List<MembershipRow> rows = new ArrayList<>(kept);
        rows.sort(latestFirst);
        return rows;
    }

    /** Number of members of each segment that has any. */
    public static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select segment, members from cdp_segment where members > 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * Adds to the member counts of segments (update, then insert what is missing, changed at {@code at}); zero changes
     * are skipped.
     */
    public static void addCounts(Connection c, Map<String, Long> counts, Instant at) throws SQLException {
        Map<String, Long> deltas = new TreeMap<>(counts);
        deltas.values().removeIf(n -> n == 0);
        if (deltas.isEmpty()) {
            return;
        }
        Map<String, Instant> known = lastChanges(c);
        try (PreparedStatement update = c.prepareStatement(
                "update cdp_segment set members = members + ? where segment = ?");
                PreparedStatement insert = c.prepareStatement(
                        "insert into cdp_segment (members, segment, last_change) values (?, ?, ?)")) {
            for (Map.Entry<String, Long> e : deltas.entrySet()) {
                boolean exists = known.containsKey(e.getKey());
                PreparedStatement ps = exists ? update : insert;
                ps.setLong(1, e.getValue());
                ps.setString(2, e.getKey());
                if (!exists) {
                    Jdbc.setInstant(ps, 3, at);
                }
                ps.addBatch();
            }
            update.executeBatch();
            insert.executeBatch();
        }
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

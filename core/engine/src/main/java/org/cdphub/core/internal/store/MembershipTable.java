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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdphub.api.model.SegmentMembership;

/**
 * The memberships of {@code cdp_segment_state} (its {@code segments} column, see {@link SegmentStateTable} and
 * {@link Memberships}) and {@code cdp_segment} (per segment: members, when its membership last changed). Every write
 * goes through {@link #apply}, which keeps the member counts in step.
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
        Jdbc.forEachRowIn(c, "select profile_id, segments from cdp_segment_state where segments is not null "
                + "and profile_id", profileIds, rs -> memberships.put(rs.getString(1),
                        Memberships.decode(rs.getString(2))));
        return memberships;
    }

    /**
     * Replaces the memberships of profiles ({@code after}: profile to segment to since; an empty map: none), keeping
     * the rest of their segment state, and adds the difference to each segment's member count.
     */
    public static void write(Connection c, Map<String, ? extends Map<String, Instant>> after, Instant now)
            throws SQLException {
        write(c, SegmentStateTable.load(c, after.keySet()), after, now);
    }

    /** The same with the stored states of those profiles already read. */
    private static void write(Connection c, Map<String, SegmentStateTable.State> states,
            Map<String, ? extends Map<String, Instant>> after, Instant now) throws SQLException {
        List<SegmentStateTable.RowChange> rows = new ArrayList<>();
        after.forEach((id, is) -> {
            SegmentStateTable.State state = states.getOrDefault(id, SegmentStateTable.State.NONE);
            SegmentStateTable.RowChange row = SegmentStateTable.change(id, state, is, state.inputs(), state.due());
            if (row != null) {
                rows.add(row);
            }
        });
        apply(c, rows, now);
    }

    /** Writes {@code rows} and stores their member count changes. */
    public static void apply(Connection c, List<SegmentStateTable.RowChange> rows, Instant now) throws SQLException {
        apply(c, rows, Set.of(), now);
    }

    /**
     * Writes {@code rows} and stores their member count changes and that the membership of {@code touched} changed at
     * {@code now}, in one pass over {@code cdp_segment}: on H2 as JDBC batches, on PostgreSQL as one statement each in
     * one round trip ({@link PostgresStateWrites}).
     */
    public static void apply(Connection c, List<SegmentStateTable.RowChange> rows, Collection<String> touched,
            Instant now) throws SQLException {
        apply(c, rows, touched, now, false);
    }

    /**
     * The same as the last writes of a transaction: on PostgreSQL the commit goes with them, in the same round trip
     * (the connection's commit then has nothing left to do). Nothing may be written after them.
     */
    public static void applyLast(Connection c, List<SegmentStateTable.RowChange> rows, Collection<String> touched,
            Instant now) throws SQLException {
        apply(c, rows, touched, now, true);
    }

    private static void apply(Connection c, List<SegmentStateTable.RowChange> rows, Collection<String> touched,
            Instant now, boolean last) throws SQLException {
        if (!Jdbc.isH2(c)) { // one round trip for all of it
            PostgresStateWrites.apply(c, rows, touched, now, last);
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        SegmentStateTable.apply(c, rows, counts);
        record(c, counts, touched, now);
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
        Map<String, SegmentStateTable.State> states = SegmentStateTable.load(c,
                rows.stream().map(MembershipRow::profileId).distinct().toList());
        Map<String, Map<String, Instant>> after = new HashMap<>();
        for (MembershipRow row : rows) {
            Map<String, Instant> target = after.computeIfAbsent(row.profileId(), id -> new TreeMap<>(
                    states.getOrDefault(id, SegmentStateTable.State.NONE).memberships()));
            if (add) {
                target.put(row.segment(), row.since());
            } else {
                target.remove(row.segment());
            }
        }
        write(c, states, after, now);
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
     * Merges the memberships of absorbed profiles into their survivors (one per segment, with the earliest
     * {@code since}; the survivor keeps the rest of its state) and removes the segment state of the absorbed profiles.
     * {@code current} must hold the state of every absorbed profile and every survivor that has one.
     */
    public static void moveToSurvivors(Connection c, Map<String, String> absorbedToSurvivor,
            Map<String, SegmentStateTable.State> current, Instant now) throws SQLException {
        Map<String, TreeMap<String, Instant>> merged = new HashMap<>();
        absorbedToSurvivor.forEach((absorbed, survivor) -> {
            Map<String, Instant> target = merged.computeIfAbsent(survivor, k -> new TreeMap<>(
                    current.getOrDefault(survivor, SegmentStateTable.State.NONE).memberships()));
            current.getOrDefault(absorbed, SegmentStateTable.State.NONE).memberships().forEach((segment, since) ->
                    target.merge(segment, since, (a, b) -> a.isBefore(b) ? a : b));
        });
        List<SegmentStateTable.RowChange> rows = new ArrayList<>();
        merged.forEach((survivor, memberships) -> {
            SegmentStateTable.State state = current.getOrDefault(survivor, SegmentStateTable.State.NONE);
            rows.add(SegmentStateTable.change(survivor, state, memberships, state.inputs(), state.due()));
        });
        absorbedToSurvivor.keySet().forEach(absorbed -> rows.add(SegmentStateTable.change(absorbed,
                current.getOrDefault(absorbed, SegmentStateTable.State.NONE), Map.of(), null, null)));
        rows.removeIf(Objects::isNull);
        apply(c, rows, now);
    }

    /**
     * Up to {@code limit} members of {@code segment}, most recent entry first: one scan of {@code cdp_segment_state}
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
                "select profile_id, segments from cdp_segment_state where segments like ?")) {
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
     * Records changes of {@code cdp_segment} in one pass: member count changes ({@code counts}; zero ones are skipped)
     * and that the membership of {@code touched} changed at {@code at}. One batch of updates; the segments it finds
     * no row for (new ones) are inserted after it.
     */
    public static void record(Connection c, Map<String, Long> counts, Collection<String> touched, Instant at)
            throws SQLException {
        Set<String> segments = recorded(counts, touched);
        if (segments.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("update cdp_segment set members = members + ?, "
                + "last_change = case when ? = 1 then ? else last_change end where segment = ?")) {
            for (String segment : segments) {
                update.setLong(1, counts.getOrDefault(segment, 0L));
                update.setInt(2, touched.contains(segment) ? 1 : 0);
                Jdbc.setInstant(update, 3, at);
                update.setString(4, segment);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            int k = 0;
            for (String segment : segments) {
                if (updated[k++] == 0) {
                    missing.add(segment);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert into cdp_segment (members, last_change, segment) values (?, ?, ?)")) {
            for (String segment : missing) {
                insert.setLong(1, counts.getOrDefault(segment, 0L));
                Jdbc.setInstant(insert, 2, at);
                insert.setString(3, segment);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The segments whose row {@link #record} changes: those touched and those whose count changed, sorted. */
    static Set<String> recorded(Map<String, Long> counts, Collection<String> touched) {
        Set<String> segments = new TreeSet<>(touched);
        counts.forEach((segment, n) -> {
            if (n != 0) {
                segments.add(segment);
            }
        });
        return segments;
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

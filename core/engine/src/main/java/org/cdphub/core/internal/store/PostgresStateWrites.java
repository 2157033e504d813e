package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * PostgreSQL: the writes of {@link MembershipTable#apply} (segment state rows inserted, updated and deleted; the member
 * counts and last changes of {@code cdp_segment}, inserted where a segment has no row yet) as one statement each, over
 * arrays, all sent in one round trip to the server, and on request the commit with them. As JDBC batches they took a
 * round trip per statement, and a lone profile change is bound by its round trips: it paid three (state rows, segment
 * counts, commit) where it now pays one.
 */
final class PostgresStateWrites {

    /** The columns of a state row, bound as arrays ({@link ColumnArrays}). */
    private static final ColumnArrays.Column<SegmentStateTable.RowChange>[] STATE = ColumnArrays.of(
            ColumnArrays.Column.varchar("profile_id", SegmentStateTable.RowChange::profileId),
            ColumnArrays.Column.text("segments", SegmentStateTable.RowChange::segments),
            ColumnArrays.Column.text("inputs", SegmentStateTable.RowChange::inputs),
            ColumnArrays.Column.timestamptz("due_at", SegmentStateTable.RowChange::due));

    private PostgresStateWrites() {
    }

    /** One statement of the round trip: its SQL, and what binds its parameters from a given index on. */
    private record Part(String sql, Binder binder) {

        int parameters() {
            return (int) sql.chars().filter(ch -> ch == '?').count();
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    /**
     * @param commit end the transaction with these writes ({@code commit} in the same round trip; the connection's
     *               commit then finds nothing to do): nothing may be written after them
     */
    static void apply(Connection c, List<SegmentStateTable.RowChange> rows, Collection<String> touched, Instant now,
            boolean commit) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        List<SegmentStateTable.RowChange> inserts = new ArrayList<>();
        List<SegmentStateTable.RowChange> updates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        SegmentStateTable.sort(rows, counts, inserts, updates, deletes);
        Set<String> segments = MembershipTable.recorded(counts, touched);
        List<Part> parts = new ArrayList<>();
        if (!inserts.isEmpty()) {
            parts.add(stateRows(ColumnArrays.insertSql("cdp_segment_state", STATE), inserts));
        }
        if (!updates.isEmpty()) {
            parts.add(stateRows("update cdp_segment_state s set segments = d.segments, inputs = d.inputs, "
                    + "due_at = d.due_at from " + ColumnArrays.arrays("d", STATE) + " where s.profile_id = d.profile_id",
                    updates));
        }
        if (!deletes.isEmpty()) {
            parts.add(new Part("delete from cdp_segment_state where profile_id in (select unnest(?::varchar[]))",
                    (ps, i) -> ps.setObject(i, deletes.toArray(new String[0]))));
        }
        if (!segments.isEmpty()) {
            parts.add(segmentCounts(c, segments, counts, touched, now));
        }
        if (parts.isEmpty()) {
            return;
        }
        if (commit) {
            parts.add(new Part("commit", (ps, i) -> { }));
        }
        StringJoiner sql = new StringJoiner(";\n");
        parts.forEach(p -> sql.add(p.sql()));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int index = 1;
            for (Part part : parts) {
                part.binder().bind(ps, index);
                index += part.parameters();
            }
            runAll(ps);
        }
    }

    private static Part stateRows(String sql, List<SegmentStateTable.RowChange> rows) {
        return new Part(sql, (ps, i) -> ColumnArrays.bind(ps, i, rows, STATE));
    }

    /**
     * Adds the count changes to the members and, for {@code touched}, sets the last change to {@code now}; a segment
     * without a row gets one, last changed at {@code now} (as {@link MembershipTable#record} does).
     */
    private static Part segmentCounts(Connection c, Set<String> segments, Map<String, Long> counts,
            Collection<String> touched, Instant now) {
        return new Part("insert into cdp_segment as g (segment, members, last_change) "
                + "select d.segment, d.members, ?::timestamptz from unnest(?::varchar[], ?::bigint[]) "
                + "as d(segment, members) on conflict (segment) do update set members = g.members + excluded.members, "
                + "last_change = case when excluded.segment = any(?::varchar[]) then excluded.last_change "
                + "else g.last_change end", (ps, i) -> {
                    Jdbc.setInstant(ps, i, now);
                    List<Object> added = new ArrayList<>();
                    for (String segment : segments) {
                        added.add(counts.getOrDefault(segment, 0L));
                    }
                    ps.setArray(i + 1, c.createArrayOf("varchar", segments.toArray()));
                    ps.setArray(i + 2, c.createArrayOf("bigint", added.toArray()));
                    ps.setArray(i + 3, c.createArrayOf("varchar", touched.toArray()));
                });
    }

    /** Runs every statement of {@code ps}, in one round trip. */
    private static void runAll(PreparedStatement ps) throws SQLException {
        boolean results = ps.execute();
        while (results || ps.getUpdateCount() != -1) {
            results = ps.getMoreResults();
        }
    }

}

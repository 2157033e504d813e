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
import java.util.Objects;

/**
 * SQL on {@code cdp_segment_state} (migration V12): all segment state of a profile in one row, so that evaluating a
 * profile reads one row and writes at most one. A row exists while any of its parts does:
 * <ul>
 * <li>{@code segments}: its memberships ({@link Memberships}); null when it is in no segment;</li>
 * <li>{@code inputs}: the hashes of the fields the definitions last read ({@code InputFingerprints}); null when none
 * are stored, so that its next change evaluates every definition;</li>
 * <li>{@code due_at}: when it must be evaluated again without new data (a condition can flip by time alone); null when
 * it is not due.</li>
 * </ul>
 * Member counts of {@code cdp_segment} follow the memberships written here: {@link #apply} adds up their changes for
 * {@link MembershipTable#record}.
 */
public final class SegmentStateTable {

    private static final String COLUMNS = "profile_id, segments, inputs, due_at";
    /** A profile's state and, as its sixth column, {@code %s} of {@code cdp_profile p}. */
    private static final String STATE_AND = "select p.profile_id, s.segments, s.inputs, s.due_at, s.profile_id, p.%s "
            + "from cdp_profile p left join cdp_segment_state s on s.profile_id = p.profile_id where p.profile_id";
    private static final String WITH_DOCS = String.format(STATE_AND, "doc");

    private SegmentStateTable() {
    }

    /** The stored segment state of one profile; {@link #NONE} when it has no row. */
    public record State(Map<String, Instant> memberships, String inputs, Instant due, boolean stored) {

        public static final State NONE = new State(Map.of(), null, null, false);

        public State {
            memberships = memberships == null ? Map.of() : memberships;
        }
    }

    /** The states of those of {@code profileIds} that have a row. */
    public static Map<String, State> load(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, State> states = new HashMap<>();
        Jdbc.forEachRowIn(c, "select " + COLUMNS + " from cdp_segment_state where profile_id", profileIds,
                rs -> states.put(rs.getString(1), read(rs)));
        return states;
    }

    /** A stored profile's document and its segment state ({@link State#NONE} when it has no row). */
    public record StoredProfile(String doc, State state) {
    }

    /**
     * The documents of those of {@code profileIds} that are stored profiles, each with its segment state: one query
     * (a join) where reading the documents and then the states took two round trips to the server.
     */
    public static Map<String, StoredProfile> withDocs(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<String, StoredProfile> profiles = new HashMap<>();
        Jdbc.forEachRowIn(c, WITH_DOCS, profileIds, rs -> storedProfile(rs, profiles));
        return profiles;
    }

    /**
     * {@link #withDocs} as the first read of a write transaction ({@link StoreLock#write(javax.sql.DataSource,
     * StoreLock.FirstRead, StoreLock.WorkAfterRead)}: on PostgreSQL it goes with the lock), for 1 to
     * {@value Jdbc#MAX_PARAMS} profiles.
     */
    public static StoreLock.FirstRead<Map<String, StoredProfile>> withDocsFirst(Collection<String> profileIds) {
        List<String> ids = List.copyOf(profileIds);
        if (ids.isEmpty() || ids.size() > Jdbc.MAX_PARAMS) {
            throw new IllegalArgumentException("1 to " + Jdbc.MAX_PARAMS + " profiles in one read, not " + ids.size());
        }
        return new StoreLock.FirstRead<>() {
            @Override
            public String sql(boolean postgres) {
                return WITH_DOCS + " " + Jdbc.In.of(!postgres, ids).sql();
            }

            @Override
            public void bind(PreparedStatement statement, boolean postgres) throws SQLException {
                Jdbc.In.of(!postgres, ids).bind(statement, 1);
            }

            @Override
            public Map<String, StoredProfile> read(ResultSet rows) throws SQLException {
                Map<String, StoredProfile> profiles = new HashMap<>();
                while (rows.next()) {
                    storedProfile(rows, profiles);
                }
                return profiles;
            }
        };
    }

    private static void storedProfile(ResultSet rs, Map<String, StoredProfile> profiles) throws SQLException {
        profiles.put(rs.getString(1), new StoredProfile(rs.getString(6), joinedState(rs)));
    }

    /** The state of a row of {@link #STATE_AND}: {@link State#NONE} when the profile has no state row. */
    private static State joinedState(ResultSet rs) throws SQLException {
        return rs.getString(5) == null ? State.NONE : read(rs);
    }

    /**
     * The states of the profiles with ids after {@code afterId} (exclusive; empty: from the start) up to
     * {@code lastId} (inclusive): one range scan of the primary key, for a keyset page of profiles.
     */
    public static Map<String, State> between(Connection c, String afterId, String lastId) throws SQLException {
        Map<String, State> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS
                + " from cdp_segment_state where profile_id > ? and profile_id <= ?")) {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setString(2, lastId);
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), read(rs));
                }
            }
        }
        return states;
    }

    private static State read(ResultSet rs) throws SQLException {
        return new State(Memberships.decode(rs.getString(2)), rs.getString(3), Jdbc.getInstant(rs, "due_at"), true);
    }

    /** Up to {@code limit} profiles due at or before {@code now}, earliest first. */
    public static List<String> due(Connection c, Instant now, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select profile_id from cdp_segment_state "
                + "where due_at is not null and due_at <= ? order by due_at, profile_id")) {
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

    /**
     * What storing one profile's state takes: its new parts ({@code segments} as text; all null: no row any more),
     * whether it has a row now, and the member count changes of its segments.
     */
    public record RowChange(String profileId, String segments, String inputs, Instant due, boolean stored,
            Map<String, Long> counts) {

        boolean empty() {
            return segments == null && inputs == null && due == null;
        }
    }

    /**
     * The change of one profile's row from {@code before} to the given parts; null when nothing differs. Pure, so that
     * the threads that evaluate can work it out for the one that writes.
     */
    public static RowChange change(String profileId, State before, Map<String, Instant> memberships, String inputs,
            Instant due) {
        State was = before == null ? State.NONE : before;
        Map<String, Instant> is = memberships == null ? Map.of() : memberships;
        boolean sameMemberships = was.memberships().equals(is);
        if (sameMemberships && Objects.equals(was.inputs(), inputs) && Objects.equals(was.due(), due)) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        if (!sameMemberships) {
            for (String s : was.memberships().keySet()) {
                if (!is.containsKey(s)) {
                    counts.put(s, -1L);
                }
            }
            for (String s : is.keySet()) {
                if (!was.memberships().containsKey(s)) {
                    counts.put(s, 1L);
                }
            }
        }
        return new RowChange(profileId, Memberships.encode(is), inputs, due, was.stored(), counts);
    }

    /**
     * Writes {@code rows} as JDBC batches (inserts, updates, deletes) and adds their member count changes to
     * {@code counts}, for the caller to store with {@link MembershipTable#record}. Updates write every column: H2
     * leaves the {@code due_at} index alone when the value stays the same, PostgreSQL does too where the row version
     * fits its page (a HOT update).
     */
    public static void apply(Connection c, List<RowChange> rows, Map<String, Long> counts) throws SQLException {
        List<RowChange> inserts = new ArrayList<>();
        List<RowChange> updates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        sort(rows, counts, inserts, updates, deletes);
        batch(c, "insert into cdp_segment_state (segments, inputs, due_at, profile_id) values (?, ?, ?, ?)", inserts);
        batch(c, "update cdp_segment_state set segments = ?, inputs = ?, due_at = ? where profile_id = ?", updates);
        delete(c, deletes);
    }

    /** Sorts {@code rows} into inserts, updates and deletes of rows, and adds their count changes to {@code counts}. */
    static void sort(List<RowChange> rows, Map<String, Long> counts, List<RowChange> inserts, List<RowChange> updates,
            List<String> deletes) {
        for (RowChange row : rows) {
            row.counts().forEach((segment, n) -> counts.merge(segment, n, Long::sum));
            if (row.empty()) {
                if (row.stored()) {
                    deletes.add(row.profileId());
                }
            } else {
                (row.stored() ? updates : inserts).add(row);
            }
        }
    }

    private static void batch(Connection c, String sql, List<RowChange> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (RowChange row : rows) {
                ps.setString(1, row.segments());
                ps.setString(2, row.inputs());
                Jdbc.setInstant(ps, 3, row.due());
                ps.setString(4, row.profileId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes the rows of {@code profileIds} (their member counts are the caller's). */
    static void delete(Connection c, Collection<String> profileIds) throws SQLException {
        Jdbc.updateIn(c, "delete from cdp_segment_state where profile_id", profileIds);
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL on {@code cdp_dropped_identifier}: identifiers a stored fragment carries but does not link, because linking them
 * would have broken a per-type limit. Rows belong to the stored version of their fragment.
 */
public final class DroppedIdentifierTable {

    /** Longest reason the column keeps. */
    public static final int MAX_REASON = 2000;


    /** One dropped identifier of a fragment. */
    public record Row(FragmentKey fragment, String idKey, String reason, Instant droppedAt) {
    }

    private DroppedIdentifierTable() {
    }

    /** Per fragment of {@code profileIds}, its dropped identifier keys with the reason. */
    public static Map<FragmentKey, Map<String, String>> ofProfiles(Connection c, Collection<String> profileIds)
            throws SQLException {
        Map<FragmentKey, Map<String, String>> dropped = new HashMap<>();
        Jdbc.forEachRowIn(c, "select d.source, d.source_record_id, d.id_key, d.reason from cdp_dropped_identifier d"
                + " join cdp_fragment f on f.source = d.source and f.source_record_id = d.source_record_id"
                + " where f.profile_id", profileIds, rs -> dropped.computeIfAbsent(
                        new FragmentKey(rs.getString(1), rs.getString(2)), k -> new TreeMap<>())
                        .put(rs.getString(3), rs.getString(4)));
        return dropped;
    }

    /**
     * The fragments that dropped one of {@code idKeys} for a reason other than an invalid value (whose reason starts
     * with {@code invalidPrefix}): a limit or a person on the other side, which may no longer hold.
     */
    public static Set<FragmentKey> fragmentsDropping(Connection c, Collection<String> idKeys, String invalidPrefix)
            throws SQLException {
        Set<FragmentKey> fragments = new LinkedHashSet<>();
        for (Jdbc.In in : Jdbc.in(c, idKeys)) {
            String sql = "select distinct source, source_record_id from cdp_dropped_identifier where id_key "
                    + in.sql() + " and reason not like ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(in.bind(ps, 1), invalidPrefix + "%");
                Jdbc.forEachRow(ps, rs -> fragments.add(new FragmentKey(rs.getString(1), rs.getString(2))));
            }
        }
        return fragments;
    }

    /** Deletes the rows of these fragments. */
    public static void delete(Connection c, Collection<FragmentKey> fragments) throws SQLException {
        FragmentKeys.delete(c, "cdp_dropped_identifier", fragments);
    }

    /** Inserts rows; reasons longer than {@link #MAX_REASON} are cut. */
    public static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into cdp_dropped_identifier"
                + " (source, source_record_id, id_key, reason, dropped_at) values (?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                ps.setString(1, row.fragment().source());
                ps.setString(2, row.fragment().sourceRecordId());
                ps.setString(3, row.idKey());
                ps.setString(4, row.reason().length() <= MAX_REASON ? row.reason()
                        : row.reason().substring(0, MAX_REASON - 3) + "...");
                Jdbc.setInstant(ps, 5, row.droppedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** SQL on {@code cdp_fragment_tombstone}: source records whose fragment was removed, with the removed version. */
public final class TombstoneTable {


    private TombstoneTable() {
    }

    /** {@code observedAt} of the removed version, for those of {@code keys} that were removed. */
    public static Map<FragmentKey, Instant> removedVersions(Connection c, Collection<FragmentKey> keys)
            throws SQLException {
        Map<FragmentKey, Instant> removed = new HashMap<>();
        FragmentKeys.select(c, "t.source, t.source_record_id, t.observed_at", "cdp_fragment_tombstone", keys,
                rs -> removed.put(new FragmentKey(rs.getString(1), rs.getString(2)),
                        Jdbc.getInstant(rs, "observed_at")));
        return removed;
    }

    /** Records, for each key, that its version (the value) was removed at {@code removedAt}; one batch. */
    public static void putAll(Connection c, java.util.Map<FragmentKey, Instant> observedAt, Instant removedAt)
            throws SQLException {
        delete(c, observedAt.keySet());
        try (PreparedStatement ps = c.prepareStatement("insert into cdp_fragment_tombstone"
                + " (source, source_record_id, observed_at, removed_at) values (?, ?, ?, ?)")) {
            for (java.util.Map.Entry<FragmentKey, Instant> e : observedAt.entrySet()) {
                ps.setString(1, e.getKey().source());
                ps.setString(2, e.getKey().sourceRecordId());
                Jdbc.setInstant(ps, 3, e.getValue());
                Jdbc.setInstant(ps, 4, removedAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void delete(Connection c, Collection<FragmentKey> keys) throws SQLException {
        FragmentKeys.delete(c, "cdp_fragment_tombstone", keys);
    }

}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** Set-based SQL over fragment keys: {@code (source, source_record_id) in ((?, ?), …)}, chunked. */
final class FragmentKeys {

    static final int PER_CHUNK = Jdbc.MAX_PARAMS / 2;

    private FragmentKeys() {
    }

    /** Deletes the rows of {@code table} whose (source, source_record_id) is one of {@code keys}. */
    static void delete(Connection c, String table, Collection<FragmentKey> keys) throws SQLException {
        for (List<FragmentKey> chunk : Jdbc.chunks(keys, PER_CHUNK)) {
            String sql = "delete from " + table + " where (source, source_record_id) in ("
                    + Jdbc.rows(chunk.size(), 2) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, 1, chunk);
                ps.executeUpdate();
            }
        }
    }

    /** Binds the keys' source and record id pairs from parameter {@code first} on; returns the next index. */
    static int bind(PreparedStatement ps, int first, List<FragmentKey> keys) throws SQLException {
        int i = first;
        for (FragmentKey key : keys) {
            ps.setString(i++, key.source());
            ps.setString(i++, key.sourceRecordId());
        }
        return i;
    }
}

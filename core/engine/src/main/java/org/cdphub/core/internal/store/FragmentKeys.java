package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Set-based SQL over fragment keys, chunked per source: {@code source = ? and source_record_id in (?, …)}. This form
 * uses the (source, source_record_id) primary key on every database; H2 does not use an index for a row-value
 * {@code (source, source_record_id) in ((?, ?), …)} list and scans the table instead.
 */
final class FragmentKeys {

    private FragmentKeys() {
    }

    /** Record ids of one source, at most {@link Jdbc#MAX_PARAMS} - 1 of them (one parameter is the source). */
    record Chunk(String source, List<String> recordIds) {

        /** The condition, to follow {@code where}. */
        String condition() {
            return "source = ? and source_record_id in (" + Jdbc.markers(recordIds.size()) + ")";
        }

        /** Binds the source and the record ids from parameter {@code first} on; returns the next index. */
        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            ps.setString(i++, source);
            for (String id : recordIds) {
                ps.setString(i++, id);
            }
            return i;
        }
    }

    static List<Chunk> chunks(Collection<FragmentKey> keys) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        keys.forEach(k -> bySource.computeIfAbsent(k.source(), s -> new ArrayList<>()).add(k.sourceRecordId()));
        List<Chunk> chunks = new ArrayList<>();
        bySource.forEach((source, ids) -> Jdbc.chunks(ids, Jdbc.MAX_PARAMS - 1)
                .forEach(part -> chunks.add(new Chunk(source, part))));
        return chunks;
    }

    /** Deletes the rows of {@code table} whose (source, source_record_id) is one of {@code keys}. */
    static void delete(Connection c, String table, Collection<FragmentKey> keys) throws SQLException {
        for (Chunk chunk : chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where " + chunk.condition())) {
                chunk.bind(ps, 1);
                ps.executeUpdate();
            }
        }
    }
}

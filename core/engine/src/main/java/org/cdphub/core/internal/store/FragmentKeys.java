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
 * Set-based SQL over fragment keys ({@code source, source_record_id}), per source, in a form each database serves from
 * its (source, source_record_id) primary key:
 * <ul>
 * <li>PostgreSQL: {@code source_record_id in (select unnest(?)) and source = ?}, an array of ids
 * ({@link Jdbc#in});</li>
 * <li>H2: a join with {@code table(r varchar = ?)}, one array parameter. H2 uses an index for an IN-list on the first
 * column of an index only: with {@code source = ?} in front it scans every fragment of the source and tests the list
 * on each (about 1 s for 500 keys among 200,000 fragments of a source, against 3 ms for the join); a row-value
 * {@code (source, source_record_id) in ((?, ?), …)} scans the table. Deletes and updates on H2 are a batch of
 * single-key statements.</li>
 * </ul>
 */
final class FragmentKeys {

    private FragmentKeys() {
    }

    /**
     * Runs {@code select <columns> from <table> t} for the rows whose key is one of {@code keys}; columns are
     * qualified with {@code t}.
     */
    static void select(Connection c, String columns, String table, Collection<FragmentKey> keys,
            Jdbc.RowHandler handler) throws SQLException {
        boolean h2 = Jdbc.isH2(c);
        for (Map.Entry<String, List<String>> source : bySource(keys).entrySet()) {
            if (h2) {
                String sql = "select " + columns + " from table(r varchar = ?) k join " + table
                        + " t on t.source = ? and t.source_record_id = k.r";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, source.getValue().toArray(new String[0]));
                    ps.setString(2, source.getKey());
                    Jdbc.forEachRow(ps, handler);
                }
                continue;
            }
            for (Jdbc.In in : Jdbc.in(c, source.getValue())) {
                try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + table
                        + " t where t.source_record_id " + in.sql() + " and t.source = ?")) {
                    ps.setString(in.bind(ps, 1), source.getKey());
                    Jdbc.forEachRow(ps, handler);
                }
            }
        }
    }

    /** Deletes the rows of {@code table} whose (source, source_record_id) is one of {@code keys}. */
    static void delete(Connection c, String table, Collection<FragmentKey> keys) throws SQLException {
        change(c, "delete from " + table, keys);
    }

    /** Runs {@code update <table> set <assignments>} (no parameters) on the rows whose key is one of {@code keys}. */
    static void update(Connection c, String table, String assignments, Collection<FragmentKey> keys)
            throws SQLException {
        change(c, "update " + table + " set " + assignments, keys);
    }

    /** {@code statement} (a delete or an update of a table, without its where clause) on the rows of {@code keys}. */
    private static void change(Connection c, String statement, Collection<FragmentKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        if (Jdbc.isH2(c)) {
            try (PreparedStatement ps = c.prepareStatement(statement + " where source = ? and source_record_id = ?")) {
                for (FragmentKey key : keys) {
                    ps.setString(1, key.source());
                    ps.setString(2, key.sourceRecordId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return;
        }
        for (Map.Entry<String, List<String>> source : bySource(keys).entrySet()) {
            for (Jdbc.In in : Jdbc.in(c, source.getValue())) {
                try (PreparedStatement ps = c.prepareStatement(statement + " where source_record_id " + in.sql()
                        + " and source = ?")) {
                    ps.setString(in.bind(ps, 1), source.getKey());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static Map<String, List<String>> bySource(Collection<FragmentKey> keys) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        keys.forEach(k -> bySource.computeIfAbsent(k.source(), s -> new ArrayList<>()).add(k.sourceRecordId()));
        return bySource;
    }
}

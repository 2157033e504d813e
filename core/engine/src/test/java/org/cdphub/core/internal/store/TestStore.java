package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Helpers of the store tests: a fresh H2 store (see {@link TestDatabase} for the others) and query shortcuts. */
public final class TestStore {

    private TestStore() {
    }

    /** A new in-memory H2 store, migrated with the production Flyway migrations. */
    public static DataSource fresh() {
        return TestDatabase.H2.fresh();
    }

    public static DataSource unmigrated() {
        return TestDatabase.H2.unmigrated();
    }

    /** Rows of a query, each as a list of strings (for assertions). */
    public static List<List<String>> rows(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one update statement (to set up a test). */
    /** Every stored membership as (profile id, segment), sorted. */
    public static List<List<String>> memberships(DataSource dataSource) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (List<String> row : rows(dataSource,
                "select profile_id, segments from cdp_segment_state where segments is not null")) {
            Memberships.decode(row.get(1)).keySet().forEach(segment -> out.add(List.of(row.get(0), segment)));
        }
        out.sort(java.util.Comparator.comparing((List<String> r) -> r.get(0)).thenComparing(r -> r.get(1)));
        return out;
    }

    public static int execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(DataSource dataSource, String table) {
        return Long.parseLong(rows(dataSource, "select count(*) from " + table).get(0).get(0));
    }
}

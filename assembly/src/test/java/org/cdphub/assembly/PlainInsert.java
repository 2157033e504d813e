package org.cdphub.assembly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit that end-to-end intake is held to (issue 6, item 2): the fragments the hub stored, written once more by a
 * plain batched JDBC insert into a table of the same database, with no pipeline: one row per record, its primary key
 * the only index, a transaction per batch (as {@code IntakeBench} does for the merge engine). Only the inserts and
 * their commits are timed, not reading the rows back. The table is dropped afterwards.
 */
final class PlainInsert {

    static final int BATCH = 500;
    private static final int PAGE = 5_000;
    private static final String TABLE = "bench_plain_insert";

    private PlainInsert() {
    }

    /**
     * Inserts {@code rows} with {@code insert} (a parameter per value), {@link #BATCH} rows a batch and a commit each:
     * the nanoseconds it took.
     */
    static long insertInBatches(Connection c, PreparedStatement insert, List<? extends Object[]> rows)
            throws SQLException {
        long t0 = System.nanoTime();
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            insert.addBatch();
            if (r % BATCH == BATCH - 1 || r == rows.size() - 1) {
                insert.executeBatch();
                c.commit();
            }
        }
        return System.nanoTime() - t0;
    }

    /** Rows per second of the plain insert of every stored fragment; {@code c} must be a fresh connection. */
    static double rowsPerSecond(Connection c) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().startsWith("H2");
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + TABLE);
            // the column types of cdp_fragment on this database (on H2 a JSON body is a VARCHAR, not a CLOB; on
            // PostgreSQL the keys compare in byte order, store version 19)
            String keys = h2 ? "" : " collate \"C\"";
            s.execute("create table " + TABLE + " (source varchar(200)" + keys + " not null,"
                    + " source_record_id varchar(500)" + keys + " not null, body "
                    + (h2 ? "varchar(1000000000)" : "text") + " not null, primary key (source, source_record_id))");
        }
        c.setAutoCommit(false);
        long nanos = 0;
        long rows = 0;
        String[] after = null;
        try (PreparedStatement first = c.prepareStatement("select source, source_record_id, body from cdp_fragment"
                + " order by source, source_record_id fetch first " + PAGE + " rows only");
                PreparedStatement next = c.prepareStatement("select source, source_record_id, body from cdp_fragment"
                        + " where (source, source_record_id) > (?, ?) order by source, source_record_id fetch first "
                        + PAGE + " rows only");
                PreparedStatement insert = c.prepareStatement("insert into " + TABLE
                        + " (source, source_record_id, body) values (?, ?, ?)")) {
            while (true) {
                List<String[]> page = new ArrayList<>(PAGE);
                PreparedStatement read = after == null ? first : next;
                if (after != null) {
                    next.setString(1, after[0]);
                    next.setString(2, after[1]);
                }
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        page.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
                c.commit();
                if (page.isEmpty()) {
                    break;
                }
                nanos += insertInBatches(c, insert, page);
                rows += page.size();
                after = page.get(page.size() - 1);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists " + TABLE);
            }
        }
        return rows == 0 ? 0 : rows / (nanos / 1e9);
    }
}

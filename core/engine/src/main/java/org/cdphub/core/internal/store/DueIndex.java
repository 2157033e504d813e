package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The index of {@code cdp_segment_state} on {@code due_at} (migration V12), which {@link SegmentStateTable#due} reads,
 * set aside on H2 while a sweep runs.
 *
 * <p>A sweep writes a due time for nearly every profile, and due times fall anywhere in the index. H2 writes pages
 * copy-on-write and saves its dirty pages many times in a transaction of thousands of rows: a million such index
 * entries rewrote about a page each (docs/benchmarks.md, session 7: a 1M-profile sweep took 43 s without the index,
 * 52 to 63 s with it). So on H2 the first page of a sweep drops the index, and once the page that ends the sweep is
 * stored the index is built again in one pass over the table, in a transaction of its own (a failure loses no page;
 * the next schedule round builds it before it reads due times). Nothing reads it meanwhile: while a sweep runs,
 * profiles that are due by time wait for its end ({@code SegmentEvaluator.evaluateDue}); lone changes still write
 * their due times, into the table. PostgreSQL updates index pages in place and its partial index serves several
 * nodes at once: there, both calls do nothing.
 *
 * <p>H2 commits the open transaction before a statement that changes the schema: call these first in a transaction,
 * under the segment lock (on H2, the writers of the one JVM that opens the file queue on the lock in the JVM; a merge
 * that moves segment state joins that lock first).
 */
public final class DueIndex {

    static final String NAME = "cdp_segment_state_due";
    private static final Logger LOG = Logger.getLogger(DueIndex.class.getName());

    private DueIndex() {
    }

    /** H2: drops the index, if it is there. */
    public static void setAside(Connection c) throws SQLException {
        if (Jdbc.isH2(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("drop index if exists " + NAME);
            }
        }
    }

    /**
     * H2: builds the index, unless it is there. Meanwhile H2 locks the table: readers of memberships outside the
     * segment lock (profile lookups, member lists) wait for it (docs/benchmarks.md: how long, at a million profiles).
     */
    public static void restore(Connection c) throws SQLException {
        if (Jdbc.isH2(c) && !exists(c)) {
            long start = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("create index if not exists " + NAME + " on cdp_segment_state (due_at)");
            }
            LOG.log(Level.INFO, "segment state: built the index of due times in {0} ms",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Whether the index is there (always, on PostgreSQL). */
    public static boolean exists(Connection c) throws SQLException {
        if (!Jdbc.isH2(c)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("select count(*) from information_schema.indexes "
                + "where table_schema = current_schema and lower(index_name) = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * PostgreSQL: analyses the store's tables each time they have doubled since they were last analysed, from
 * {@value #FIRST} fragments on, on a thread of its own, so that the planner knows their size and shape during a first
 * bulk load. PostgreSQL's manual advises the same after loading data ("Populating a Database"); autovacuum gets there
 * too, but a minute or more late, and a table it has not analysed yet has no statistics: the planner then expects
 * hundreds of rows per key and reads the whole table into a hash join for every batch's lookup. In a 400,000-record
 * intake into a new store the fragments and identifiers of a batch's profiles took 12 and 11 s of the server's time
 * when autovacuum came late, about 1 s each when it came early (docs/benchmarks.md, session 16). Nothing on H2.
 *
 * <p>A failure is logged and tried again later, and a table the store's user does not own is skipped with a warning
 * in the log; neither fails a merge. At most one analysis runs at a time.
 */
public final class StoreStatistics {

    /** The tables a merge writes and looks keys up in. */
    static final List<String> TABLES = List.of("cdp_fragment", "cdp_identifier", "cdp_profile", "cdp_segment_state",
            "cdp_block_key");
    /** Fragments before the first analysis: below that every plan is cheap. */
    static final long FIRST = 1_000;
    private static final Logger LOG = Logger.getLogger(StoreStatistics.class.getName());

    private final DataSource dataSource;
    private final Executor executor;
    private final AtomicLong added = new AtomicLong();
    /** An analysis is handed over or running. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** Fragments added since the last analysis that start the next one; -1 until read, {@code Long.MAX_VALUE} on H2. */
    private volatile long threshold = -1;

    public StoreStatistics(DataSource dataSource) {
        this(dataSource, daemonThread());
    }

    /**
     * One daemon thread while there is work, none when idle: no lifecycle to manage. Tasks queue (never more than one,
     * see {@link #running}), so a task handed over while the last one's thread is finishing is not lost.
     */
    private static Executor daemonThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, "cdphub-store-statistics");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    StoreStatistics(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** A merge committed {@code fragments} new or changed fragments; starts an analysis when the store has doubled. */
    public void added(int fragments) {
        if (threshold == Long.MAX_VALUE) {
            return;
        }
        if (added.addAndGet(fragments) >= threshold && running.compareAndSet(false, true)) {
            try {
                executor.execute(this::analyse);
            } catch (RuntimeException e) { // rejected: the next merge tries again
                running.set(false);
            }
        }
    }

    private void analyse() {
        try (Connection c = dataSource.getConnection()) {
            if (Jdbc.isH2(c)) {
                threshold = Long.MAX_VALUE;
                return;
            }
            if (threshold < 0) { // the first call: a store analysed before waits until it has doubled
                threshold = Math.max(FIRST, fragments(c));
                if (added.get() < threshold) {
                    return;
                }
            }
            long since = added.get();
            try (Statement s = c.createStatement()) {
                s.execute("analyze " + String.join(", ", TABLES));
                if (s.getWarnings() != null) { // a table the store's user does not own is skipped with a warning
                    LOG.warning("profile store: analyse: " + s.getWarnings().getMessage());
                }
            }
            added.addAndGet(-since);
            threshold = Math.max(FIRST, fragments(c));
            LOG.fine(() -> "profile store: tables analysed, next after " + threshold + " more fragments");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "profile store: could not analyse the tables (tried again later)", e);
            added.set(0);
            threshold = Math.max(FIRST, threshold);
        } finally {
            running.set(false);
        }
    }

    /** The fragments the statistics know of (0 when never analysed). */
    private static long fragments(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select greatest(reltuples, 0)::bigint from pg_class where oid = 'cdp_fragment'::regclass");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

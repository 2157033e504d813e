package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs the write transactions of the profile store one at a time per lock, within this JVM and across every node that
 * shares the database, so that two batches never interleave their reads and writes of the same rows. The store has two
 * locks, rows of the table {@code cdp_lock}:
 *
 * <ul>
 * <li><b>the store lock</b> (row 1, {@link #write}): the identity graph, that is profiles, fragments, identifiers,
 * aliases, tombstones and blocking keys. Merges, removals and expiry take it.</li>
 * <li><b>the segment lock</b> (row 2, migration V15, {@link #writeSegments}): segment state, member counts, the
 * definitions' hashes and a sweep's position. The segment stage takes it, so it evaluates and writes while a merge
 * runs, and a merge does not wait for it. A holder of the store lock that moves segment state (a merge absorbing a
 * profile takes over its memberships) takes the segment lock as well, with {@link #joinSegments}, until its
 * transaction ends. Never the other way round: a holder of the segment lock does not take the store lock, so the two
 * cannot deadlock. Segment writers read profile documents as committed; a merge that commits a document after they
 * read it announces the profile afterwards, and the next evaluation sees it.</li>
 * </ul>
 *
 * <p>How a lock is held:
 * <ul>
 * <li>In the database: every write transaction starts with {@code select id from cdp_lock where id = <row> for
 * update} (on PostgreSQL after two settings of the transaction, in the same round trip: {@code Lock#postgresSql}). A writer of another node blocks there
 * until the holder commits or rolls back. The transaction runs at READ COMMITTED (set here, whatever the server's
 * default), so every later statement of it sees what the previous writer committed; at REPEATABLE READ or SERIALIZABLE
 * the snapshot would be taken before the wait and the lock would protect nothing.</li>
 * <li>In the JVM: one fair lock per lock and {@link DataSource} object, taken first, so that the writers of one node
 * queue here instead of each holding a pooled connection while it waits for the row lock.</li>
 * <li>A transaction that fails on a benign race (SQLState in {@link #RETRYABLE}: serialization failure, deadlock,
 * unique violation, lock timeout) is rolled back and run again from the start, up to {@value #ATTEMPTS} times, after a
 * random pause that grows with every attempt, so two nodes never fail a batch because they met.</li>
 * </ul>
 *
 * <p>Merges still run one at a time, even on profiles that have nothing in common; finer-grained locking of the
 * identity graph (for example per identifier, with PostgreSQL advisory locks on hashed keys) comes with the scaling
 * work.
 */
public final class StoreLock {

    /**
     * Failures worth another attempt: 40001 serialization failure (and H2's deadlock), 40P01 PostgreSQL deadlock, 23505
     * unique violation (a concurrent insert of the same key), HYT00 H2 lock timeout, 55P03 PostgreSQL lock not
     * available (when an administrator set {@code lock_timeout}).
     */
    static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505", "HYT00", "55P03");
    static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 50;

    private static final Logger LOG = Logger.getLogger(StoreLock.class.getName());
    private static final Map<DataSource, Map<Lock, ReentrantLock>> LOCKS = new WeakHashMap<>();
    /** The write transaction this thread runs: its data source, its lock, and the JVM locks it joined. */
    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    /** The rows of {@code cdp_lock}; what each guards is in the class comment. */
    private enum Lock {
        STORE(1), SEGMENTS(2);

        final int row;
        /** Takes the row, held until the transaction ends. */
        final String sql;
        /**
         * PostgreSQL: the isolation (see the class comment), then every statement of the transaction planned for its
         * parameters ({@link Jdbc#CUSTOM_PLANS}), then the row, in one round trip.
         */
        final String postgresSql;

        Lock(int row) {
            this.row = row;
            this.sql = "select id from cdp_lock where id = " + row + " for update";
            this.postgresSql = "set transaction isolation level read committed; " + Jdbc.CUSTOM_PLANS + "; " + sql;
        }
    }

    private record Held(DataSource dataSource, Lock lock, List<ReentrantLock> joined) {
    }

    private StoreLock() {
    }

    /**
     * A query a write transaction starts with, right after the lock (it must see what the previous writer committed).
     * On PostgreSQL it is sent together with the lock, in one round trip to the server, and runs as a statement of its
     * own after the lock is granted (so at READ COMMITTED it reads with a snapshot taken after the wait).
     */
    public interface FirstRead<R> {

        /** One query for PostgreSQL ({@code postgres}) or H2; its {@code ?} parameters are bound by {@link #bind}. */
        String sql(boolean postgres);

        /** Binds the parameters of {@link #sql} from index 1. */
        void bind(PreparedStatement statement, boolean postgres) throws SQLException;

        /** What the transaction's work gets from the rows of the query. */
        R read(ResultSet rows) throws SQLException;
    }

    /** Work that goes on from what its {@link FirstRead} read. */
    @FunctionalInterface
    public interface WorkAfterRead<R, T> {
        T run(Connection connection, R read) throws SQLException;
    }

    /**
     * Runs {@code work} as one write transaction of the identity graph behind {@code dataSource}, under the store lock;
     * see the class comment.
     */
    public static <T> T write(DataSource dataSource, Jdbc.Work<T> work) {
        return write(dataSource, null, (c, none) -> work.run(c));
    }

    /**
     * The same, with the rows of {@code first} (a query right after the lock, see {@link FirstRead}) handed to
     * {@code work}.
     */
    public static <R, T> T write(DataSource dataSource, FirstRead<R> first, WorkAfterRead<R, T> work) {
        return write(Lock.STORE, dataSource, first, work);
    }

    /** Runs {@code work} as one write transaction of segment state, under the segment lock; see the class comment. */
    public static <T> T writeSegments(DataSource dataSource, Jdbc.Work<T> work) {
        return writeSegments(dataSource, null, (c, none) -> work.run(c));
    }

    /** The same, with the rows of {@code first} handed to {@code work}. */
    public static <R, T> T writeSegments(DataSource dataSource, FirstRead<R> first, WorkAfterRead<R, T> work) {
        return write(Lock.SEGMENTS, dataSource, first, work);
    }

    /**
     * Takes the segment lock as well, in the database and in this JVM, until the store-lock transaction this thread
     * runs ends: before a merge reads or writes segment state. Once per transaction; later calls do nothing.
     *
     * @throws IllegalStateException when the thread runs no {@link #write} transaction on {@code c}
     */
    public static void joinSegments(Connection c) throws SQLException {
        Held held = HELD.get();
        if (held == null || held.lock() != Lock.STORE) {
            throw new IllegalStateException("the segment lock is joined from a write transaction of the store lock");
        }
        if (!held.joined().isEmpty()) {
            return;
        }
        ReentrantLock segments = localLock(held.dataSource(), Lock.SEGMENTS);
        segments.lock();
        held.joined().add(segments); // released when the transaction has ended
        try (PreparedStatement ps = c.prepareStatement(Lock.SEGMENTS.sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw missing(Lock.SEGMENTS);
            }
        }
    }

    private static <R, T> T write(Lock lock, DataSource dataSource, FirstRead<R> first, WorkAfterRead<R, T> work) {
        if (HELD.get() != null) {
            throw new IllegalStateException("a store write inside another on the same thread would wait for itself");
        }
        ReentrantLock local = localLock(dataSource, lock);
        for (int attempt = 1;; attempt++) {
            StoreException failure;
            Held held = new Held(dataSource, lock, new ArrayList<>(1));
            local.lock();
            HELD.set(held);
            try {
                return Jdbc.inTransaction(dataSource, c -> work.run(c, lock(c, lock, first)));
            } catch (StoreException e) {
                failure = e;
            } finally {
                HELD.remove();
                held.joined().forEach(ReentrantLock::unlock);
                local.unlock();
            }
            String state = retryableState(failure);
            if (state == null || attempt == ATTEMPTS) {
                throw failure;
            }
            LOG.log(Level.INFO, "profile store: transaction failed with SQLState {0} (attempt {1} of {2}), retrying: {3}",
                    new Object[] {state, attempt, ATTEMPTS, failure.getMessage()});
            if (!pause(attempt)) {
                throw failure;
            }
        }
    }

    /**
     * Takes {@code lock}'s row, as the first statement of the transaction after its settings (held until it ends), and
     * runs {@code first} (null: none) right after it; what that read.
     */
    private static <R> R lock(Connection c, Lock lock, FirstRead<R> first) throws SQLException {
        boolean postgres = !Jdbc.isH2(c);
        if (!postgres) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED); // H2: no round trip
        }
        // PostgreSQL's driver sends setTransactionIsolation as a statement of its own; here the isolation of this
        // transaction travels with the lock, and the first read with both, in one round trip (the driver sends the
        // statements at once; the server runs them in order)
        String sql = postgres ? lock.postgresSql + (first == null ? "" : ";\n" + first.sql(true)) : lock.sql;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (postgres && first != null) {
                first.bind(ps, true);
            }
            boolean rows = ps.execute();
            while (!rows && ps.getUpdateCount() != -1) {
                rows = ps.getMoreResults();
            }
            try (ResultSet rs = ps.getResultSet()) {
                if (rs == null || !rs.next()) {
                    throw missing(lock);
                }
            }
            if (first == null) {
                return null;
            }
            if (postgres) {
                if (!ps.getMoreResults()) {
                    throw new SQLException("no rows from the first read of the transaction: " + first.sql(true));
                }
                try (ResultSet rs = ps.getResultSet()) {
                    return first.read(rs);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(first.sql(false))) {
            first.bind(ps, false);
            try (ResultSet rs = ps.executeQuery()) {
                return first.read(rs);
            }
        }
    }

    private static SQLException missing(Lock lock) {
        return new SQLException("the row " + lock.row + " of cdp_lock is missing: writers are not serialised; "
                + "restore it with: insert into cdp_lock (id) values (" + lock.row + ")");
    }

    private static ReentrantLock localLock(DataSource dataSource, Lock lock) {
        synchronized (LOCKS) {
            return LOCKS.computeIfAbsent(dataSource, d -> new EnumMap<>(Lock.class))
                    .computeIfAbsent(lock, l -> new ReentrantLock(true));
        }
    }

    /** The SQLState that makes {@code failure} worth another attempt, or null. */
    static String retryableState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) { // batches chain the real error
                    if (RETRYABLE.contains(String.valueOf(s.getSQLState()))) {
                        return s.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    /** Sleeps a random time of up to {@code attempt} times {@value #PAUSE_MILLIS} ms; false when interrupted. */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, PAUSE_MILLIS * attempt + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

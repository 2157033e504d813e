package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;

/** Small JDBC helpers: transactions, chunked IN-lists and instants as UTC {@code timestamp with time zone}. */
public final class Jdbc {

    /** Most bind parameters one statement gets; keeps IN-lists well under every driver's limit. */
    public static final int MAX_PARAMS = 500;

    private Jdbc() {
    }

    /** Work done on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Writers of the store
     * go through {@link StoreLock#write}, which serialises them and calls this.
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("profile store: " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL: every statement of the transaction planned for its parameters. The store's lookups test a column
     * against an array of keys ({@link #in}); a generic plan, which the server caches for a prepared statement after its
     * fifth run, is made for an array of unknown length and the table statistics of that moment. Planned while the
     * store was small, it read the whole table for every lookup from then on: a hash join over {@code cdp_fragment}
     * for the stored versions of 600 new records, 15 ms each, instead of 600 index probes (a fifth of the server's time
     * in {@code bench/intake-hub.sh 400000}, docs/benchmarks.md, session 15).
     *
     * <p>Custom plans are only as good as the statistics they are made with: {@link StoreStatistics} keeps them
     * current while the store is young.
     */
    static final String CUSTOM_PLANS = "set local plan_cache_mode = force_custom_plan";

    /** Runs read-only {@code work} on a connection of its own. */
    public static <T> T read(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("profile store: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** {@code ?,?,?} with {@code n} markers. */
    public static String markers(int n) {
        return rows(n, 1);
    }

    /** {@code (?,?),(?,?)} with {@code rows} groups of {@code columns} markers; a single column has no parentheses. */
    public static String rows(int rows, int columns) {
        String row = columns == 1 ? "?" : "(" + "?,".repeat(columns - 1) + "?)";
        StringJoiner joiner = new StringJoiner(",");
        for (int i = 0; i < rows; i++) {
            joiner.add(row);
        }
        return joiner.toString();
    }

    /** Splits {@code items} into lists of at most {@code size}. */
    public static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** Most values one array carries on PostgreSQL ({@link #in}). */
    static final int MAX_ARRAY = 10_000;

    /**
     * One statement's share of the values a column is tested against ({@link #in}): {@link #sql} follows the column
     * ({@code where block_key in (select unnest(?))}) and {@link #bind} sets its parameters.
     */
    public record In(String sql, List<String> values, boolean array) {

        /** All of {@code values} in one test: IN-list markers on H2, one array on PostgreSQL. */
        public static In of(boolean h2, List<String> values) {
            return h2 ? new In("in (" + markers(values.size()) + ")", values, false)
                    : new In("in (select unnest(?))", values, true);
        }

        /** Binds the values from parameter {@code index} on; returns the next parameter's index. */
        public int bind(PreparedStatement statement, int index) throws SQLException {
            if (array) {
                // a String[] goes in the binary array format, without the text form's quoting (ColumnArrays)
                statement.setObject(index, values.toArray(new String[0]));
                return index + 1;
            }
            for (String value : values) {
                statement.setString(index++, value);
            }
            return index;
        }
    }

    /**
     * The statements that test a column against {@code values}, in the form each database serves from an index on
     * that column where there is one: on PostgreSQL a semi-join with one array, {@code in (select unnest(?))} (up to
     * {@value #MAX_ARRAY} values a statement); on H2 {@code in (?, …)} in chunks of {@value #MAX_PARAMS}, which H2
     * serves from an index whose first column it is. On PostgreSQL a prepared IN-list of 500 markers took 136 ms a
     * lookup in a 65,000-row {@code cdp_block_key} (25 of the 41 seconds of {@code bench/intake.sh 20000}), and
     * {@code = any(?)} with an array 810 ms: both cost rows times keys, as a scan testing every row against every key
     * does. The semi-join is a hash join over the table at worst and index probes once the table is analysed (7 ms).
     * None when {@code values} is empty.
     */
    public static List<In> in(Connection c, Collection<String> values) throws SQLException {
        boolean h2 = isH2(c);
        List<In> statements = new ArrayList<>();
        for (List<String> chunk : chunks(values, h2 ? MAX_PARAMS : MAX_ARRAY)) {
            statements.add(In.of(h2, chunk));
        }
        return statements;
    }

    /** Whether {@code c} is H2 (the store supports H2 and PostgreSQL); the driver answers without a round trip. */
    public static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().startsWith("H2");
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Handles one row of a result. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql}, which ends with a column ({@code ... where profile_id}), once per {@link In} of {@code ids}
     * (the test is added), and hands every row to {@code handler}.
     */
    public static void forEachRowIn(Connection c, String sql, Collection<String> ids, RowHandler handler)
            throws SQLException {
        for (In in : in(c, ids)) {
            try (PreparedStatement ps = c.prepareStatement(sql + " " + in.sql())) {
                in.bind(ps, 1);
                forEachRow(ps, handler);
            }
        }
    }

    /** Runs {@code sql}, an update or delete ending with a column ({@code ... where profile_id}), for {@code ids}. */
    public static void updateIn(Connection c, String sql, Collection<String> ids) throws SQLException {
        for (In in : in(c, ids)) {
            try (PreparedStatement ps = c.prepareStatement(sql + " " + in.sql())) {
                in.bind(ps, 1);
                ps.executeUpdate();
            }
        }
    }

    /** Runs the query of {@code statement} (its parameters bound) and hands every row to {@code handler}. */
    public static void forEachRow(PreparedStatement statement, RowHandler handler) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }
}

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

    /** Binds {@code values} from parameter 1 on. */
    /** Handles one row of a result. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql}, which ends with {@code in (}, once per chunk of {@value #MAX_PARAMS} of {@code ids} (the
     * markers and the closing parenthesis are added), and hands every row to {@code handler}.
     */
    public static void forEachRowIn(Connection c, String sql, Collection<String> ids, RowHandler handler)
            throws SQLException {
        for (List<String> chunk : chunks(ids, MAX_PARAMS)) {
            try (PreparedStatement ps = c.prepareStatement(sql + markers(chunk.size()) + ")")) {
                bindAll(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
        }
    }

    public static void bindAll(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * PostgreSQL: rows written by one statement whatever their number, each column bound as one array and the rows read
 * back with {@code unnest} ({@code insert into t (a, b) select * from unnest(?::varchar[], ?::text[])}).
 *
 * <p>The store's write transactions plan every statement for its parameters ({@link StoreLock}: a generic plan of a
 * lookup is made for an array of unknown length and read whole tables). A multi-row {@code values} list, as the
 * driver's {@code reWriteBatchedInserts} makes of a JDBC batch (128 rows of 7 columns: 896 parameters), costs a plan
 * per statement then; two or three typed arrays cost next to nothing to plan, and the rows travel in one statement.
 */
final class ColumnArrays {

    /** One column: its name, how its array is typed in SQL, the driver's element type and, per row, its value. */
    record Column<R>(String name, String sqlArray, String elementType, Function<R, Object> value) {

        static <R> Column<R> varchar(String name, Function<R, String> value) {
            return new Column<>(name, "?::varchar[]", "varchar", value::apply);
        }

        static <R> Column<R> text(String name, Function<R, String> value) {
            return new Column<>(name, "?::text[]", "text", value::apply);
        }

        /** Instants travel as text in PostgreSQL's form, to the microsecond, UTC ({@link PostgresStateWrites#DUE}). */
        static <R> Column<R> timestamptz(String name, Function<R, Instant> value) {
            return new Column<>(name, "?::text[]::timestamptz[]", "text", row -> {
                Instant instant = value.apply(row);
                return instant == null ? null : PostgresStateWrites.DUE.format(instant);
            });
        }
    }

    private ColumnArrays() {
    }

    /** Inserts {@code rows} into {@code table}, one statement; nothing when there are none. */
    @SafeVarargs
    static <R> void insert(Connection c, String table, List<R> rows, Column<R>... columns) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        for (Column<R> column : columns) {
            names.add(column.name());
            arrays.add(column.sqlArray());
        }
        run(c, "insert into " + table + " (" + names + ") select * from unnest(" + arrays + ")", rows, columns);
    }

    /**
     * Runs {@code sql}, whose parameters are the arrays of {@code columns} in order ({@link #arrays} writes them), once
     * for all {@code rows}.
     */
    @SafeVarargs
    static <R> void run(Connection c, String sql, List<R> rows, Column<R>... columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < columns.length; k++) {
                Column<R> column = columns[k];
                Object[] values = new Object[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = column.value().apply(rows.get(i));
                }
                ps.setArray(k + 1, c.createArrayOf(column.elementType(), values));
            }
            ps.executeUpdate();
        }
    }

    /** {@code unnest(<arrays>) as <alias>(<names>)}: the rows of {@link #run}'s arrays as a table in a statement. */
    @SafeVarargs
    static <R> String arrays(String alias, Column<R>... columns) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        for (Column<R> column : columns) {
            names.add(column.name());
            arrays.add(column.sqlArray());
        }
        return "unnest(" + arrays + ") as " + alias + " (" + names + ")";
    }
}

package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * PostgreSQL: rows written by one statement whatever their number, each column bound as one array and the rows read
 * back with {@code unnest} ({@code insert into t (a, b) select * from unnest(?::varchar[], ?::text[])}).
 *
 * <p>The store's write transactions plan every statement for its parameters ({@link StoreLock}: a generic plan of a
 * lookup is made for an array of unknown length and read whole tables). A multi-row {@code values} list, as the
 * driver's {@code reWriteBatchedInserts} makes of a JDBC batch (128 rows of 7 columns: 896 parameters), costs a plan
 * per statement then; a few typed arrays cost next to nothing to plan, and the rows travel in one statement (one per
 * {@value #MAX_ROWS} rows, so that no array nears the server's limit of 1 GB for one value).
 */
final class ColumnArrays {

    /** One column: its name, how its array is typed in SQL and, per row, its value as text. */
    record Column<R>(String name, String sqlArray, Function<R, String> value) {

        static <R> Column<R> varchar(String name, Function<R, String> value) {
            return new Column<>(name, "?::varchar[]", value);
        }

        static <R> Column<R> text(String name, Function<R, String> value) {
            return new Column<>(name, "?::text[]", value);
        }

        /** Instants travel as text in PostgreSQL's form ({@link PgTimestamps}). */
        static <R> Column<R> timestamptz(String name, Function<R, Instant> value) {
            return new Column<>(name, "?::text[]::timestamptz[]", row -> PgTimestamps.text(value.apply(row)));
        }
    }

    /** Most rows one statement carries. */
    static final int MAX_ROWS = 5_000;

    private ColumnArrays() {
    }

    /** Inserts {@code rows} into {@code table} ({@link #run}); nothing when there are none. */
    @SafeVarargs
    static <R> void insert(Connection c, String table, List<R> rows, Column<R>... columns) throws SQLException {
        if (!rows.isEmpty()) {
            run(c, insertSql(table, columns), rows, columns);
        }
    }

    /** {@code insert into <table> (<names>) select * from unnest(<arrays>) …}: an insert of {@link #bind}'s arrays. */
    @SafeVarargs
    static <R> String insertSql(String table, Column<R>... columns) {
        return "insert into " + table + " (" + joined(columns, Column::name) + ") select * from " + arrays("d", columns);
    }

    /**
     * Runs {@code sql}, whose parameters are the arrays of {@code columns} in order ({@link #arrays} writes them), for
     * all {@code rows}, at most {@value #MAX_ROWS} a run. Each array is bound as a {@code String[]}, which the
     * PostgreSQL driver sends in the binary array format (each element its length and its bytes);
     * {@link Connection#createArrayOf} writes the text form, quoting every element and escaping its quotes and
     * backslashes one character at a time, which took a quarter of the merge stage's own CPU time for the JSON
     * documents of a batch.
     */
    @SafeVarargs
    static <R> void run(Connection c, String sql, List<R> rows, Column<R>... columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<R> chunk : Jdbc.chunks(rows, MAX_ROWS)) {
                bind(ps, 1, chunk, columns);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Binds one array per column of all {@code rows}, as {@code String[]}, from parameter {@code index} on; returns the
     * next parameter's index.
     */
    @SafeVarargs
    static <R> int bind(PreparedStatement ps, int index, List<R> rows, Column<R>... columns) throws SQLException {
        for (Column<R> column : columns) {
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            ps.setObject(index++, values);
        }
        return index;
    }

    /** The columns as an array, for a constant of them. */
    @SafeVarargs
    static <R> Column<R>[] of(Column<R>... columns) {
        return columns;
    }

    /** {@code unnest(<arrays>) as <alias> (<names>)}: the rows of {@link #run}'s arrays as a table in a statement. */
    @SafeVarargs
    static <R> String arrays(String alias, Column<R>... columns) {
        return "unnest(" + joined(columns, Column::sqlArray) + ") as " + alias + " (" + joined(columns, Column::name)
                + ")";
    }

    private static <R> String joined(Column<R>[] columns, Function<Column<R>, String> part) {
        return Arrays.stream(columns).map(part).collect(Collectors.joining(", "));
    }
}

package org.cdphub.assembly;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A second limit for end-to-end intake, beside {@link PlainInsert}'s one row a record: every row the store holds after
 * a run (fragments, identifiers, profiles, segment state, memberships...: each {@code cdp_} table but the schema
 * history), written once more by a plain batched JDBC insert into copies of those tables with the same primary keys,
 * indexes and not-null columns, a transaction per batch, with no pipeline. It tells how fast this database could take the rows a unified
 * profile store needs for a record even if the hub cost nothing; only the inserts and their commits are timed, not
 * reading the rows back. The copies are dropped afterwards. Table structure is read from JDBC metadata, so that a new
 * table or index of the store is covered without a change here (plain column indexes and partial ones, as the store
 * has: names are not quoted, and expression or non-btree indexes would need more than this copies).
 */
final class StoreRowsInsert {

    private static final int PAGE = 5_000;
    private static final String PREFIX = "bench_copy_";

    /**
     * Rows written per table, the seconds the inserts and commits took, and the CPU seconds the local PostgreSQL
     * server used meanwhile (its backend, WAL writer, checkpointer: what the database alone spends on these rows; -1 on
     * another database or a PostgreSQL that is not local).
     */
    record Result(Map<String, Long> rows, double seconds, double postgresSeconds) {

        Result(Map<String, Long> rows, double seconds) {
            this(rows, seconds, -1);
        }

        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Records a second at this rate, {@code records} being what the store holds rows for. */
        double recordsPerSecond(long records) {
            return seconds > 0 ? records / seconds : 0;
        }

        /** {@code "cdp_fragment":n,...} for a JSON line, by table name. */
        String json() {
            StringBuilder out = new StringBuilder();
            rows.forEach((table, n) -> out.append(out.isEmpty() ? "" : ",").append('"').append(table).append("\":")
                    .append(n));
            return "{" + out + "}";
        }
    }

    private StoreRowsInsert() {
    }

    /** Copies every store table's rows; {@code c} must be a fresh connection, the hub stopped. */
    static Result run(Connection c) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        long nanos = 0;
        // the server's CPU is read from /proc: only a local server's (a remote one has no process here)
        boolean postgres = c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                && Cpu.postgresSeconds() > 0;
        double postgresSeconds = 0;
        for (String table : tables(c)) {
            String copy = PREFIX + table.toLowerCase(Locale.ROOT);
            try {
                createCopy(c, table, copy);
                Copied copied = copyRows(c, table, copy, postgres);
                if (copied.rows() > 0) {
                    rows.put(table.toLowerCase(Locale.ROOT), copied.rows());
                }
                nanos += copied.nanos();
                postgresSeconds += copied.postgresSeconds();
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists " + copy);
                }
            }
        }
        return new Result(rows, nanos / 1e9, postgres ? postgresSeconds : -1);
    }

    /** One table's copy: its rows, the nanoseconds the inserts and commits took, the server's CPU seconds meanwhile. */
    private record Copied(long rows, long nanos, double postgresSeconds) {
    }

    /** The store's tables of the connection's schema, but the migration history. */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, pattern(c, c.getSchema()), null, null)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String type = rs.getString("TABLE_TYPE");
                String lower = name.toLowerCase(Locale.ROOT);
                if (type != null && type.toUpperCase(Locale.ROOT).contains("TABLE")
                        && !type.toUpperCase(Locale.ROOT).contains("SYSTEM") && lower.startsWith("cdp_")
                        && !lower.equals("cdp_schema_history")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** An index of a table: its columns in order, whether unique, its condition ("" for none). */
    private record Index(List<String> columns, boolean unique, String condition) {
    }

    /** An empty table of the same columns, primary key and indexes (partial ones with their condition). */
    private static void createCopy(Connection c, String table, String copy) throws SQLException {
        List<String> key = primaryKey(c, table);
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + copy);
            s.execute("create table " + copy + " as select * from " + table + " where 1 = 0");
            for (String column : notNull(c, table)) { // a copy's columns may be null (on H2)
                s.execute("alter table " + copy + " alter column " + column + " set not null");
            }
            if (!key.isEmpty()) {
                s.execute("alter table " + copy + " add primary key (" + String.join(", ", key) + ")");
            }
            int n = 0;
            for (Index index : indexes(c, table, key)) {
                s.execute("create " + (index.unique() ? "unique " : "") + "index " + copy + "_" + n++ + " on " + copy
                        + " (" + String.join(", ", index.columns()) + ")"
                        + (index.condition().isEmpty() ? "" : " where " + index.condition()));
            }
        }
    }

    /** {@code name} as a metadata search pattern that matches only itself ({@code _} and {@code %} escaped). */
    private static String pattern(Connection c, String name) throws SQLException {
        String escape = c.getMetaData().getSearchStringEscape();
        return name == null || escape == null || escape.isEmpty() ? name
                : name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static List<String> notNull(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, pattern(c, c.getSchema()), pattern(c, table), null)) {
            while (rs.next()) {
                if ("NO".equals(rs.getString("IS_NULLABLE"))) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        TreeMap<Short, String> columns = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, c.getSchema(), table)) {
            while (rs.next()) {
                columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(columns.values());
    }

    /** The table's indexes but the one of its primary key. */
    private static List<Index> indexes(Connection c, String table, List<String> key) throws SQLException {
        Map<String, TreeMap<Short, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Map<String, String> condition = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                columns.computeIfAbsent(name, n -> new TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"), column);
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                String filter = rs.getString("FILTER_CONDITION");
                condition.put(name, filter == null ? "" : filter);
            }
        }
        List<String> keyColumns = lower(key);
        List<Index> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Short, String>> e : columns.entrySet()) {
            Index index = new Index(new ArrayList<>(e.getValue().values()), unique.get(e.getKey()),
                    condition.get(e.getKey()));
            boolean ofTheKey = index.unique() && index.condition().isEmpty() && lower(index.columns()).equals(keyColumns);
            if (!ofTheKey) {
                out.add(index);
            }
        }
        return out;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Reads {@code table} in pages by its primary key (the whole table at once if it has none) and inserts each page
     * into {@code copy} in batches of {@link PlainInsert#BATCH}, a commit each: the rows copied and the nanoseconds the inserts
     * and commits took, and with {@code measurePostgres} the local PostgreSQL server's CPU seconds while inserting (the
     * reads of the pages are not counted).
     */
    private static Copied copyRows(Connection c, String table, String copy, boolean measurePostgres)
            throws SQLException {
        List<String> key = primaryKey(c, table);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long rows = 0;
        long nanos = 0;
        double postgresSeconds = 0;
        try {
            int width;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table
                    + " where 1 = 0")) {
                width = rs.getMetaData().getColumnCount();
            }
            String order = key.isEmpty() ? "" : " order by " + String.join(", ", key);
            String limit = key.isEmpty() ? "" : " fetch first " + PAGE + " rows only";
            String tuple = "(" + String.join(", ", key) + ")";
            String params = "(" + String.join(", ", key.stream().map(k -> "?").toList()) + ")";
            List<Integer> keyAt = new ArrayList<>();
            try (PreparedStatement first = c.prepareStatement("select * from " + table + order + limit);
                    PreparedStatement next = key.isEmpty() ? null : c.prepareStatement("select * from " + table
                            + " where " + tuple + " > " + params + order + limit);
                    PreparedStatement insert = c.prepareStatement("insert into " + copy + " values ("
                            + String.join(", ", Collections.nCopies(width, "?")) + ")")) {
                Object[] after = null;
                while (true) {
                    PreparedStatement read = after == null ? first : next;
                    if (after != null) {
                        for (int i = 0; i < after.length; i++) {
                            next.setObject(i + 1, after[i]);
                        }
                    }
                    List<Object[]> page = new ArrayList<>(PAGE);
                    try (ResultSet rs = read.executeQuery()) {
                        if (keyAt.isEmpty()) {
                            for (String k : key) {
                                keyAt.add(rs.findColumn(k));
                            }
                        }
                        while (rs.next()) {
                            Object[] row = new Object[width];
                            for (int i = 0; i < width; i++) {
                                row[i] = rs.getObject(i + 1);
                            }
                            page.add(row);
                        }
                    }
                    c.commit();
                    if (page.isEmpty()) {
                        break;
                    }
                    double before = measurePostgres ? Cpu.postgresSeconds() : 0;
                    nanos += PlainInsert.insertInBatches(c, insert, page);
                    if (measurePostgres) {
                        postgresSeconds += Cpu.postgresSeconds() - before;
                    }
                    rows += page.size();
                    if (key.isEmpty() || page.size() < PAGE) {
                        break;
                    }
                    Object[] last = page.get(page.size() - 1);
                    after = keyAt.stream().map(i -> last[i - 1]).toArray();
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return new Copied(rows, nanos, postgresSeconds);
    }
}

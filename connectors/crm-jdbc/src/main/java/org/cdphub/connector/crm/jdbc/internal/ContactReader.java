package org.cdphub.connector.crm.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads one batch of contacts after a {@link Position}, joined with their accounts, in (modified, key) order. The
 * statement is built once from names {@link SqlNames} has checked; positions and the limit are bound as parameters.
 * Each batch uses a connection of its own for just one query, so nothing stays open while the batch is sent.
 */
final class ContactReader {

    /** One batch as read; {@code last} is the position of its last row, or null when it is empty. */
    record RawBatch(List<SourceRow> rows, Position last) {
    }

    private final CrmJdbcSettings.Tables tables;
    private final List<String> contactColumns;
    private final List<String> accountColumns;
    private final ZoneId zone;
    private final int batchSize;
    private final String first;
    private final String next;

    ContactReader(CrmJdbcSettings settings) {
        this.tables = settings.tables();
        this.contactColumns = settings.mapping().read().stream().map(ColumnMapping.Rule::column).toList();
        this.accountColumns = tables.accountsTable() == null ? List.of()
                : settings.accountsMapping().read().stream().map(ColumnMapping.Rule::column).toList();
        this.zone = settings.zone();
        this.batchSize = settings.batchSize();
        this.first = sql(false);
        this.next = sql(true);
    }

    /** Identifies what a position belongs to: a position saved for another table or other columns is not used. */
    String over() {
        return tables.contacts() + "(" + tables.modified() + "," + tables.key() + ")";
    }

    int batchSize() {
        return batchSize;
    }

    /** The statement, for tests and the log: {@code after} false is the first read, without a position. */
    String sql(boolean after) {
        StringBuilder sql = new StringBuilder("select c.").append(tables.key()).append(", c.").append(tables.modified());
        if (tables.deletedColumn() != null) {
            sql.append(", c.").append(tables.deletedColumn());
        }
        contactColumns.forEach(column -> sql.append(", c.").append(column));
        accountColumns.forEach(column -> sql.append(", a.").append(column));
        sql.append(" from ").append(tables.contacts()).append(" c");
        if (!accountColumns.isEmpty()) { // nothing mapped from the accounts: no join (that table need not exist)
            sql.append(" left join ").append(tables.accountsTable()).append(" a on a.").append(tables.accountsKey())
                    .append(" = c.").append(tables.accountColumn());
        }
        String m = "c." + tables.modified();
        String k = "c." + tables.key();
        sql.append(" where ").append(m).append(" is not null and ").append(k).append(" is not null");
        if (after) {
            sql.append(" and (").append(m).append(" > ? or (").append(m).append(" = ? and ").append(k).append(" > ?))");
        }
        return sql.append(" order by ").append(m).append(", ").append(k).append(" limit ?").toString();
    }

    RawBatch read(DataSource dataSource, Optional<Position> after) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(after.isPresent() ? next : first)) {
            int i = 1;
            if (after.isPresent()) {
                Position p = after.get();
                statement.setObject(i++, p.modified());
                statement.setObject(i++, p.modified());
                statement.setObject(i++, p.key());
            }
            statement.setInt(i, batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                return rows(rs);
            }
        }
    }

    private RawBatch rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<SourceRow> rows = new ArrayList<>();
        Position last = null;
        while (rs.next()) {
            Object key = Position.key(rs.getObject(1));
            Object modified = value(rs, meta, 2);
            if (!(modified instanceof LocalDateTime || modified instanceof OffsetDateTime
                    || modified instanceof LocalDate)) {
                throw new IllegalStateException("modified.column '" + tables.modified() + "' is of type "
                        + meta.getColumnTypeName(2) + ": expected a timestamp, timestamp with time zone or date");
            }
            int i = 3;
            Object deleted = tables.deletedColumn() == null ? null : value(rs, meta, i++);
            Map<String, Object> contact = new LinkedHashMap<>();
            for (String column : contactColumns) {
                contact.put(column, value(rs, meta, i++));
            }
            Map<String, Object> account = new LinkedHashMap<>();
            for (String column : accountColumns) {
                account.put(column, value(rs, meta, i++));
            }
            rows.add(new SourceRow(key.toString(), instant(modified), deleted, contact, account));
            last = new Position(over(), modified, key);
        }
        return new RawBatch(rows, last);
    }

    /** A column's value; dates and times as java.time types, by the column's SQL type. */
    private static Object value(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        String type = meta.getColumnTypeName(column).toLowerCase(Locale.ROOT);
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            return rs.getObject(column, OffsetDateTime.class);
        }
        if (type.startsWith("timestamp") || type.equals("datetime")) {
            return rs.getObject(column, LocalDateTime.class);
        }
        if (type.equals("date")) {
            return rs.getObject(column, LocalDate.class);
        }
        return rs.getObject(column);
    }

    private Instant instant(Object modified) {
        if (modified instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (modified instanceof LocalDateTime t) {
            return t.atZone(zone).toInstant();
        }
        return ((LocalDate) modified).atStartOfDay(zone).toInstant();
    }
}

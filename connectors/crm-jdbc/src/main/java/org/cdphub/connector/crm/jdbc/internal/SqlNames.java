package org.cdphub.connector.crm.jdbc.internal;

import java.util.regex.Pattern;

/**
 * Table and column names from configuration. They are the only configured text that ever becomes part of a SQL
 * statement, so each must be a plain identifier (a letter or '_', then letters, digits or '_'; a table may carry one
 * schema prefix) and is written unquoted, folded by the database as usual. Values are always bound as parameters.
 */
final class SqlNames {

    private static final String PART = "[A-Za-z_][A-Za-z0-9_]{0,62}";
    private static final Pattern COLUMN = Pattern.compile(PART);
    private static final Pattern TABLE = Pattern.compile(PART + "(\\." + PART + ")?");

    private SqlNames() {
    }

    /**
     * @throws IllegalArgumentException {@code <key>: ...} when {@code value} is not a plain column name
     */
    static String column(String key, String value) {
        return check(key, value, COLUMN, "a column name");
    }

    /**
     * @throws IllegalArgumentException {@code <key>: ...} when {@code value} is not a plain table name
     */
    static String table(String key, String value) {
        return check(key, value, TABLE, "a table name, optionally schema-qualified (schema.table)");
    }

    static boolean isColumn(String value) {
        return value != null && COLUMN.matcher(value).matches();
    }

    private static String check(String key, String value, Pattern pattern, String what) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(key + ": required, " + what);
        }
        if (!pattern.matcher(v).matches()) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not " + what + " (letters, digits and '_', "
                    + "starting with a letter or '_', at most 63 characters; no quotes, spaces or other signs)");
        }
        return v;
    }
}

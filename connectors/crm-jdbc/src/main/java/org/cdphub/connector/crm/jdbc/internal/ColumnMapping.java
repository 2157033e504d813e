package org.cdphub.connector.crm.jdbc.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed mapping setting, written as crm-csv's: {@code <column>=<target>, <column>=<target>, ...}. Columns are plain
 * SQL column names (see {@link SqlNames}); blank entries are ignored.
 */
record ColumnMapping(List<Rule> rules) {

    /** One {@code column=target} entry. */
    record Rule(String column, Target target) {
    }

    ColumnMapping {
        rules = List.copyOf(rules);
    }

    static ColumnMapping empty() {
        return new ColumnMapping(List.of());
    }

    /**
     * Parses and checks the mapping of contact columns ({@code forAccounts} false) or of account columns (only
     * traits, dates and ignore).
     *
     * @throws IllegalArgumentException with a message starting {@code <key>: }
     */
    static ColumnMapping parse(String key, String text, boolean forAccounts) {
        if (text == null || text.isBlank()) {
            if (forAccounts) {
                return empty();
            }
            throw new IllegalArgumentException(key + ": required, e.g. 'email=email, first_name=trait.firstName'");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, String> columns = new HashMap<>();
        Map<String, String> claimed = new HashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(key + ": entry '" + entry.strip()
                        + "' has no '=' (expected <column>=<target>)");
            }
            String column = entry.substring(0, eq).strip();
            String targetText = entry.substring(eq + 1).strip();
            if (!SqlNames.isColumn(column)) {
                throw new IllegalArgumentException(key + ": '" + column + "' is not a column name (letters, digits "
                        + "and '_', starting with a letter or '_'; no quotes, spaces or other signs)");
            }
            if (columns.putIfAbsent(column.toLowerCase(Locale.ROOT), column) != null) {
                throw new IllegalArgumentException(key + ": column '" + column + "' is mapped more than once");
            }
            Target target;
            try {
                target = Target.parse(targetText, column);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage());
            }
            if (forAccounts && target.traitName() == null && !(target instanceof Target.Ignore)) {
                throw new IllegalArgumentException(key + ": target '" + targetText + "' for column '" + column
                        + "': account columns map to trait.<name>, date.<name> or ignore");
            }
            String unique = uniqueKey(target);
            if (unique != null) {
                String previous = claimed.putIfAbsent(unique, column);
                if (previous != null) {
                    throw new IllegalArgumentException(key + ": target '" + targetText + "' is mapped from both '"
                            + previous + "' and '" + column + "'");
                }
            }
            rules.add(new Rule(column, target));
        }
        return new ColumnMapping(rules);
    }

    /** Traits and consents may come from one column only; e-mail and phone from several. */
    private static String uniqueKey(Target target) {
        if (target.traitName() != null) {
            return "trait." + target.traitName();
        }
        if (target instanceof Target.Consent c) {
            return "consent." + c.purpose() + "." + c.channel();
        }
        return null;
    }

    /** Rules that read a column (all but {@code ignore}). */
    List<Rule> read() {
        return rules.stream().filter(r -> !(r.target() instanceof Target.Ignore)).toList();
    }

    /** The mapping in its canonical written form, for {@code cdp:connectors}. */
    String describe() {
        return rules.stream().map(r -> r.column() + "=" + r.target().written()).collect(Collectors.joining(", "));
    }
}

package org.cdphub.connector.crm.csv.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parsed {@code mapping} setting: {@code <Column>=<target>, <Column>=<target>, ...}. Column names are trimmed and
 * may contain spaces and '=' (the last '=' separates column and target) but no commas; blank entries are ignored.
 */
record ColumnMapping(List<Rule> rules) {

    /** One {@code Column=target} entry. */
    record Rule(String column, Target target) {
    }

    ColumnMapping {
        rules = List.copyOf(rules);
    }

    /**
     * Parses and checks a mapping.
     *
     * @throws IllegalArgumentException with a message starting {@code mapping: }
     */
    static ColumnMapping parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("required, e.g. 'Id=recordId, Email=email, FirstName=trait.firstName'");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        Map<String, String> claimed = new HashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw invalid("entry '" + entry.strip() + "' has no '=' (expected <Column>=<target>)");
            }
            String column = entry.substring(0, eq).strip();
            String targetText = entry.substring(eq + 1).strip();
            if (column.isEmpty()) {
                throw invalid("entry '" + entry.strip() + "' has no column name before '='");
            }
            if (!columns.add(column)) {
                throw invalid("column '" + column + "' is mapped more than once");
            }
            Target target;
            try {
                target = Target.parse(targetText, column);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
            String unique = uniqueKey(target);
            if (unique != null) {
                String previous = claimed.putIfAbsent(unique, column);
                if (previous != null) {
                    throw invalid("target '" + targetText + "' is mapped from both '" + previous + "' and '" + column
                            + "'");
                }
            }
            rules.add(new Rule(column, target));
        }
        if (rules.stream().noneMatch(r -> r.target() instanceof Target.RecordId)) {
            throw invalid("no column is mapped to recordId (exactly one must be)");
        }
        return new ColumnMapping(rules);
    }

    /** Targets that may appear once: everything except email, phone and ignore, which may come from several columns. */
    private static String uniqueKey(Target target) {
        if (target instanceof Target.RecordId || target instanceof Target.ObservedAt) {
            return target.getClass().getSimpleName();
        }
        if (target instanceof Target.Trait t) {
            return "trait." + t.name();
        }
        if (target instanceof Target.Consent c) {
            return "consent." + c.purpose() + "." + c.channel();
        }
        return null;
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("mapping: " + message);
    }

    String recordIdColumn() {
        return rules.stream().filter(r -> r.target() instanceof Target.RecordId).findFirst().orElseThrow().column();
    }

    Optional<String> observedAtColumn() {
        return rules.stream().filter(r -> r.target() instanceof Target.ObservedAt).map(Rule::column).findFirst();
    }

    /**
     * Mapped columns a file's header must have, in mapping order: all but {@code observedAt} (absent means the file's
     * last-modified time) and {@code ignore}.
     */
    List<String> requiredColumns() {
        return rules.stream()
                .filter(r -> !(r.target() instanceof Target.ObservedAt) && !(r.target() instanceof Target.Ignore))
                .map(Rule::column).toList();
    }

    Set<String> columns() {
        return rules.stream().map(Rule::column).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The mapping in its canonical written form, for {@code cdp:connectors}. */
    String describe() {
        return rules.stream().map(r -> r.column() + "=" + written(r.target())).collect(Collectors.joining(", "));
    }

    private static String written(Target target) {
        if (target instanceof Target.Trait t) {
            return "trait." + t.name();
        }
        if (target instanceof Target.Consent c) {
            return (c.optOut() ? "optout." : "consent.") + c.purpose() + "." + c.channel();
        }
        String name = target.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

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

    /**
     * One {@code Column=target} entry. An {@code optional} entry (one a preset brings, other than its recordId) is
     * read when the file has the column and skipped when it does not: exports differ in the columns they carry.
     */
    record Rule(String column, Target target, boolean optional) {

        Rule(String column, Target target) {
            this(column, target, false);
        }
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
            throw invalid("required (or a preset), e.g. 'Id=recordId, Email=email, FirstName=trait.firstName'");
        }
        return of(rules(text));
    }

    /**
     * A preset's mapping with explicit entries over it: an explicit entry replaces the preset entry for the same
     * column and the preset entry for the same single target (an explicit {@code Key=recordId} replaces the preset's
     * recordId column). Preset entries that remain are optional, except recordId.
     *
     * @param preset   the preset's mapping text
     * @param explicit the {@code mapping} setting, may be empty
     * @throws IllegalArgumentException with a message starting {@code mapping: }
     */
    static ColumnMapping withPreset(String preset, String explicit) {
        List<Rule> own = explicit == null || explicit.isBlank() ? List.of() : rules(explicit);
        Set<String> ownColumns = own.stream().map(Rule::column).collect(Collectors.toSet());
        Set<String> ownTargets = new HashSet<>();
        own.forEach(r -> {
            String unique = uniqueKey(r.target());
            if (unique != null) {
                ownTargets.add(unique);
            }
        });
        List<Rule> merged = new ArrayList<>();
        for (Rule rule : rules(preset)) {
            String unique = uniqueKey(rule.target());
            if (!ownColumns.contains(rule.column()) && (unique == null || !ownTargets.contains(unique))) {
                merged.add(new Rule(rule.column(), rule.target(), !(rule.target() instanceof Target.RecordId)));
            }
        }
        merged.addAll(own);
        return of(merged);
    }

    private static ColumnMapping of(List<Rule> rules) {
        if (rules.stream().noneMatch(r -> r.target() instanceof Target.RecordId)) {
            throw invalid("no column is mapped to recordId (exactly one must be)");
        }
        return new ColumnMapping(rules);
    }

    private static List<Rule> rules(String text) {
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
        return rules;
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
                .filter(r -> !r.optional())
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

package org.cdphub.segments.internal.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.ValueTest;

/** Reads the operators of a trait, days-since or where-filter node into {@link ValueTest}s. */
final class ValueTestReader {

    static final String IGNORE_CASE = "ignoreCase";
    /** Every operator keyword, in the order the documentation lists them. */
    static final Set<String> OPERATORS = Nodes.keys("equals", "equalsIgnoreCase", "notEquals", "in", "notIn",
            "exists", "gt", "gte", "lt", "lte", "between", "contains", "startsWith", "endsWith");
    private static final Set<String> CASE_AWARE = Set.of("equals", "notEquals", "in", "notIn", "contains",
            "startsWith", "endsWith");

    private final Nodes nodes;

    ValueTestReader(Nodes nodes) {
        this.nodes = nodes;
    }

    /**
     * The tests in {@code mapping}, skipping {@code skip} (the keys that made it a trait or event node).
     *
     * @param subject for messages, for example {@code trait 'country'}
     */
    List<ValueTest> read(Node.Mapping mapping, Set<String> skip, String subject) throws DefinitionException {
        boolean ignoreCase = false;
        Node.Entry ignoreCaseEntry = mapping.entries().get(IGNORE_CASE);
        if (ignoreCaseEntry != null) {
            ignoreCase = nodes.bool(ignoreCaseEntry.value(), IGNORE_CASE);
        }
        List<ValueTest> tests = new ArrayList<>();
        boolean caseAware = false;
        for (Node.Entry entry : mapping.entries().values()) {
            String key = entry.key();
            if (skip.contains(key) || key.equals(IGNORE_CASE)) {
                continue;
            }
            if (!OPERATORS.contains(key)) {
                throw nodes.error(entry.line(), "unknown operator '" + key + "' for " + subject + " (operators: "
                        + String.join(", ", OPERATORS) + "; modifier: ignoreCase)");
            }
            caseAware |= CASE_AWARE.contains(key);
            tests.add(test(key, entry.value(), ignoreCase));
        }
        if (tests.isEmpty()) {
            throw nodes.error(mapping.line(), subject + " needs an operator (" + String.join(", ", OPERATORS) + ")");
        }
        if (ignoreCaseEntry != null && !caseAware) {
            throw nodes.error(ignoreCaseEntry.line(), "'ignoreCase' only applies to equals, notEquals, in, notIn,"
                    + " contains, startsWith and endsWith");
        }
        return tests;
    }

    private ValueTest test(String op, Node value, boolean ignoreCase) throws DefinitionException {
        String what = "'" + op + "'";
        return switch (op) {
            case "equals" -> new ValueTest.Equals(nodes.scalar(value, what), ignoreCase);
            case "equalsIgnoreCase" -> new ValueTest.Equals(nodes.text(value, what), true);
            case "notEquals" -> new ValueTest.NotEquals(nodes.scalar(value, what), ignoreCase);
            case "in" -> new ValueTest.In(list(value, what), ignoreCase);
            case "notIn" -> new ValueTest.NotIn(list(value, what), ignoreCase);
            case "exists" -> new ValueTest.Exists(nodes.bool(value, what));
            case "gt" -> new ValueTest.Compare(ValueTest.Op.GT, ordered(value, what));
            case "gte" -> new ValueTest.Compare(ValueTest.Op.GTE, ordered(value, what));
            case "lt" -> new ValueTest.Compare(ValueTest.Op.LT, ordered(value, what));
            case "lte" -> new ValueTest.Compare(ValueTest.Op.LTE, ordered(value, what));
            case "between" -> between(value, what);
            case "contains" -> new ValueTest.Text(ValueTest.TextOp.CONTAINS, nodes.text(value, what), ignoreCase);
            case "startsWith" -> new ValueTest.Text(ValueTest.TextOp.STARTS_WITH, nodes.text(value, what),
                    ignoreCase);
            case "endsWith" -> new ValueTest.Text(ValueTest.TextOp.ENDS_WITH, nodes.text(value, what), ignoreCase);
            default -> throw new IllegalStateException(op);
        };
    }

    private List<Object> list(Node value, String what) throws DefinitionException {
        Node.Sequence seq = nodes.sequence(value, what);
        if (seq.items().isEmpty()) {
            throw nodes.error(seq.line(), what + " needs at least one value");
        }
        List<Object> out = new ArrayList<>();
        for (Node item : seq.items()) {
            out.add(nodes.scalar(item, "each value of " + what));
        }
        return out;
    }

    /** A number or a text (compared as text, which orders ISO dates correctly). */
    private Object ordered(Node value, String what) throws DefinitionException {
        Object scalar = nodes.scalar(value, what);
        if (scalar instanceof Boolean) {
            throw nodes.error(value.line(), what + " must be a number or a text, found true/false");
        }
        return scalar;
    }

    private ValueTest between(Node value, String what) throws DefinitionException {
        Node.Sequence seq = nodes.sequence(value, what + " (written [low, high])");
        if (seq.items().size() != 2) {
            throw nodes.error(seq.line(), what + " needs exactly two values [low, high], found "
                    + seq.items().size());
        }
        Object low = ordered(seq.items().get(0), what);
        Object high = ordered(seq.items().get(1), what);
        if (low instanceof Number && high instanceof Number
                && new BigDecimal(low.toString()).compareTo(new BigDecimal(high.toString())) > 0) {
            throw nodes.error(seq.line(), what + " low " + low + " is above high " + high);
        }
        return new ValueTest.Between(low, high);
    }
}

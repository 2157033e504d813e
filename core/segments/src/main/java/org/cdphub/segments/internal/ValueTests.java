package org.cdphub.segments.internal;

import java.util.Collection;
import java.util.List;
import org.cdphub.segments.api.ValueTest;

/** Applies {@link ValueTest}s to values; a list value matches a positive test when any of its elements does. */
public final class ValueTests {

    private ValueTests() {
    }

    /** Whether every test holds for {@code value}. */
    public static boolean all(List<ValueTest> tests, Object value) {
        for (ValueTest test : tests) {
            if (!test(test, value)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one test holds for {@code value} (null when absent). */
    public static boolean test(ValueTest test, Object value) {
        if (test instanceof ValueTest.Exists e) {
            return Values.present(value) == e.expected();
        }
        if (test instanceof ValueTest.NotEquals n) {
            return !test(new ValueTest.Equals(n.value(), n.ignoreCase()), value);
        }
        if (test instanceof ValueTest.NotIn n) {
            return !test(new ValueTest.In(n.values(), n.ignoreCase()), value);
        }
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (element != null && !(element instanceof Collection) && single(test, element)) {
                    return true;
                }
            }
            return false;
        }
        return value != null && single(test, value);
    }

    private static boolean single(ValueTest test, Object value) {
        if (test instanceof ValueTest.Equals e) {
            return Values.same(value, e.value(), e.ignoreCase());
        }
        if (test instanceof ValueTest.In in) {
            return in.values().stream().anyMatch(v -> Values.same(value, v, in.ignoreCase()));
        }
        if (test instanceof ValueTest.Compare c) {
            Integer order = Values.compare(value, c.value());
            if (order == null) {
                return false;
            }
            return switch (c.op()) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }
        if (test instanceof ValueTest.Between b) {
            Integer low = Values.compare(value, b.low());
            Integer high = Values.compare(value, b.high());
            return low != null && high != null && low >= 0 && high <= 0;
        }
        if (test instanceof ValueTest.Text t) {
            if (value instanceof java.util.Map) {
                return false;
            }
            String actual = t.ignoreCase() ? Values.fold(Values.text(value)) : Values.text(value);
            String wanted = t.ignoreCase() ? Values.fold(t.text()) : t.text();
            return switch (t.op()) {
                case CONTAINS -> actual.contains(wanted);
                case STARTS_WITH -> actual.startsWith(wanted);
                case ENDS_WITH -> actual.endsWith(wanted);
            };
        }
        throw new IllegalStateException("unhandled test " + test);
    }
}

package org.cdphub.segments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Conversions and comparisons of the loosely typed values found in traits and event properties. */
public final class Values {

    /** Per thread, the last text parsed by {@link #instant} and {@link #date} (by identity) and its result. */
    private static final ThreadLocal<Object[]> LAST_INSTANT = ThreadLocal.withInitial(() -> new Object[2]);
    private static final ThreadLocal<Object[]> LAST_DATE = ThreadLocal.withInitial(() -> new Object[2]);

    private Values() {
    }

    /** The value as a decimal if it is a number or a text holding one, else null. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : BigDecimal.valueOf(f.doubleValue());
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 64) {
                return null;
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether a value counts as present: not null, not blank text, not an empty list or object. */
    public static boolean present(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isBlank();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /**
     * Equality as the language defines it: numerically when either side is a number and the other converts to one,
     * otherwise as text (ignoring case when asked).
     */
    public static boolean same(Object actual, Object expected, boolean ignoreCase) {
        if (actual == null || expected == null) {
            return false;
        }
        if (actual instanceof Number || expected instanceof Number) {
            Integer order = primitiveOrder(actual, expected);
            if (order != null) {
                return order == 0;
            }
            BigDecimal a = decimal(actual);
            BigDecimal b = decimal(expected);
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
        }
        String a = text(actual);
        String b = text(expected);
        return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /**
     * Orders {@code actual} against {@code expected}: numerically when {@code expected} is a number (a non-numeric
     * actual value is then not comparable), else as text. Returns null when the two cannot be compared.
     */
    public static Integer compare(Object actual, Object expected) {
        if (actual == null || expected == null || actual instanceof Collection || actual instanceof Map) {
            return null;
        }
        if (expected instanceof Number || actual instanceof Number) {
            Integer order = primitiveOrder(actual, expected);
            if (order != null) {
                return order;
            }
            BigDecimal a = decimal(actual);
            BigDecimal b = decimal(expected);
            return a == null || b == null ? null : Integer.valueOf(Integer.signum(a.compareTo(b)));
        }
        return Integer.signum(text(actual).compareTo(text(expected)));
    }

    /** Integers whose every value is exact as a double: up to 2^53 either way. */
    private static final long EXACT_AS_DOUBLE = 1L << 53;

    /**
     * The order of two numbers where primitives give the same as {@link #decimal} does, without making decimals (the
     * bulk of a numeric test's cost): two integers; two finite doubles (a double's shortest decimal form, which
     * {@code BigDecimal.valueOf} takes, orders as the double does); a finite double and an integer of up to 2^53.
     * Null for any other pair, which the decimal comparison decides.
     */
    static Integer primitiveOrder(Object a, Object b) {
        boolean integerA = integer(a);
        boolean integerB = integer(b);
        if (integerA && integerB) {
            return Integer.signum(Long.compare(((Number) a).longValue(), ((Number) b).longValue()));
        }
        boolean doubleA = a instanceof Double || a instanceof Float;
        boolean doubleB = b instanceof Double || b instanceof Float;
        if (!(doubleA || doubleB) || !(doubleA || exactAsDouble(a)) || !(doubleB || exactAsDouble(b))) {
            return null;
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return null;
        }
        return x < y ? -1 : x > y ? 1 : 0; // -0.0 and 0.0 are equal, as their decimals are
    }

    private static boolean integer(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static boolean exactAsDouble(Object value) {
        if (!integer(value)) {
            return false;
        }
        long v = ((Number) value).longValue();
        return v >= -EXACT_AS_DOUBLE && v <= EXACT_AS_DOUBLE;
    }

    /** The value as text. */
    public static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** Lower-cases for case-insensitive text matching. */
    public static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * An instant from a trait value: an {@link Instant}, an ISO-8601 instant or offset date-time, an ISO date (its
     * start in UTC), or epoch milliseconds. Null when the value is none of these.
     */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (value instanceof String s) {
            Object[] last = LAST_INSTANT.get();
            if (last[0] != s) { // the same trait text is read by several conditions of one profile: parse it once
                last[1] = parseInstant(s.trim());
                last[0] = s;
            }
            return (Instant) last[1];
        }
        return null;
    }

    private static Instant parseInstant(String t) {
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A local date from a trait value: a {@link LocalDate} or a text starting with an ISO date; else null. */
    public static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof String s && s.trim().length() >= 10) {
            Object[] last = LAST_DATE.get();
            if (last[0] != s) { // as in instant(): parsed once per text object and thread
                try {
                    last[1] = LocalDate.parse(s.trim().substring(0, 10));
                } catch (DateTimeParseException e) {
                    last[1] = null;
                }
                last[0] = s;
            }
            return (LocalDate) last[1];
        }
        return null;
    }

    /**
     * A property of an event: the key itself if present, else a dotted path into nested objects
     * ({@code product.sku}).
     */
    public static Object property(Map<String, Object> properties, String path) {
        if (properties.containsKey(path)) {
            return properties.get(path);
        }
        Object current = properties;
        int start = 0;
        while (start <= path.length()) {
            int dot = path.indexOf('.', start);
            String key = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return null;
    }
}

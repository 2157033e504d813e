package org.cdphub.segments.internal.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.cdphub.segments.api.DefinitionException;

/** Typed access to {@link Node}s of one file; every mismatch is a {@link DefinitionException} with the line. */
final class Nodes {

    private static final Duration MAX_DURATION = Duration.ofDays(36_525);

    private final String file;

    Nodes(String file) {
        this.file = file;
    }

    DefinitionException error(int line, String problem) {
        return new DefinitionException(file, line, problem);
    }

    Node.Mapping mapping(Node node, String what) throws DefinitionException {
        if (node instanceof Node.Mapping m) {
            return m;
        }
        throw error(node.line(), what + " must be a mapping (key: value lines), found " + node.kind());
    }

    Node.Sequence sequence(Node node, String what) throws DefinitionException {
        if (node instanceof Node.Sequence s) {
            return s;
        }
        throw error(node.line(), what + " must be a list, found " + node.kind());
    }

    /** A non-null scalar: text, number or boolean. */
    Object scalar(Node node, String what) throws DefinitionException {
        if (node instanceof Node.Scalar s && s.value() != null) {
            return s.value();
        }
        throw error(node.line(), what + " must be a single value, found " + node.kind());
    }

    /** A non-blank text (numbers are accepted as their text). */
    String text(Node node, String what) throws DefinitionException {
        Object value = scalar(node, what);
        if (value instanceof Boolean) {
            throw error(node.line(), what + " must be a text, found true/false");
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (text.isBlank()) {
            throw error(node.line(), what + " must not be empty");
        }
        return text.trim();
    }

    boolean bool(Node node, String what) throws DefinitionException {
        if (node instanceof Node.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw error(node.line(), what + " must be true or false, found " + node.kind());
    }

    BigDecimal number(Node node, String what) throws DefinitionException {
        if (node instanceof Node.Scalar s && s.value() instanceof Number n) {
            return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
        }
        throw error(node.line(), what + " must be a number, found " + node.kind());
    }

    int integer(Node node, String what, int min, int max) throws DefinitionException {
        if (node instanceof Node.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long
                || s.value() instanceof BigInteger)) {
            BigInteger value = new BigInteger(s.value().toString());
            if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                throw error(node.line(), what + " must be between " + min + " and " + max + ", found " + value);
            }
            return value.intValue();
        }
        throw error(node.line(), what + " must be a whole number, found " + node.kind());
    }

    /**
     * A positive duration: ISO-8601 ({@code P14D}, {@code PT24H}, {@code P1DT12H}) or a number with a unit
     * {@code m}, {@code h}, {@code d} or {@code w} ({@code 30m}, {@code 24h}, {@code 14d}, {@code 2w}).
     */
    Duration duration(Node node, String what) throws DefinitionException {
        String text = text(node, what);
        Duration duration = parseDuration(text);
        if (duration == null) {
            throw error(node.line(), "bad duration '" + text + "' for '" + what
                    + "': use ISO-8601 such as P14D or PT24H, or 30m / 24h / 14d / 2w (months and years vary in"
                    + " length: write days)");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw error(node.line(), "'" + what + "' must be longer than zero and at most 100 years, found '" + text
                    + "'");
        }
        return duration;
    }

    private static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
        if (t.length() < 2 || t.length() > 10) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (t.charAt(t.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            case 'w' -> Duration.ofDays(7 * amount);
            default -> null;
        };
    }

    /** Fails on the first key of {@code mapping} that is not in {@code allowed}. */
    void onlyKeys(Node.Mapping mapping, Collection<String> allowed, String where) throws DefinitionException {
        for (Node.Entry entry : mapping.entries().values()) {
            if (!allowed.contains(entry.key())) {
                throw error(entry.line(), "unknown key '" + entry.key() + "' in " + where + " (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The entry, failing when it is missing. */
    Node.Entry required(Node.Mapping mapping, String key, String where) throws DefinitionException {
        Node.Entry entry = mapping.entries().get(key);
        if (entry == null) {
            throw error(mapping.line(), where + " needs '" + key + "'");
        }
        return entry;
    }

    static Set<String> keys(String... keys) {
        return new java.util.LinkedHashSet<>(java.util.List.of(keys));
    }
}

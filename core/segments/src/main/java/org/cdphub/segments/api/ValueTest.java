package org.cdphub.segments.api;

import java.util.List;
import java.util.Objects;

/**
 * One operator applied to a value (a trait, an event property, a number of days). A value that is a list matches when
 * any of its elements matches, except for {@link Exists}, {@link NotEquals} and {@link NotIn}, which are the exact
 * negations of their positive forms. Numbers compare numerically ({@code 3} equals {@code "3.0"}); other values as
 * text. No operator interprets a pattern: there is no regular expression anywhere in the language.
 */
public sealed interface ValueTest {

    /** The value equals {@code value} (text ignoring case when {@code ignoreCase}). */
    record Equals(Object value, boolean ignoreCase) implements ValueTest {
        public Equals {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Not {@link Equals}: a missing value is not equal to anything, so it matches. */
    record NotEquals(Object value, boolean ignoreCase) implements ValueTest {
        public NotEquals {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value equals one of {@code values}. */
    record In(List<Object> values, boolean ignoreCase) implements ValueTest {
        public In {
            values = List.copyOf(values);
        }
    }

    /** Not {@link In}: a missing value matches. */
    record NotIn(List<Object> values, boolean ignoreCase) implements ValueTest {
        public NotIn {
            values = List.copyOf(values);
        }
    }

    /** {@code expected == true}: the value is present (not null, not a blank text, not an empty list). */
    record Exists(boolean expected) implements ValueTest {
    }

    /** An ordering comparison against {@code value}: numbers numerically, other values as text. */
    record Compare(Op op, Object value) implements ValueTest {
        public Compare {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code low <= value <= high}, both ends inclusive. */
    record Between(Object low, Object high) implements ValueTest {
        public Between {
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }
    }

    /** A plain text match (no patterns): contains, starts with or ends with {@code text}. */
    record Text(TextOp op, String text, boolean ignoreCase) implements ValueTest {
        public Text {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(text, "text");
        }
    }

    enum Op {
        GT("gt"), GTE("gte"), LT("lt"), LTE("lte");

        private final String keyword;

        Op(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword in a definition file. */
        public String keyword() {
            return keyword;
        }
    }

    enum TextOp {
        CONTAINS("contains"), STARTS_WITH("startsWith"), ENDS_WITH("endsWith");

        private final String keyword;

        TextOp(String keyword) {
            this.keyword = keyword;
        }

        /** The keyword in a definition file. */
        public String keyword() {
            return keyword;
        }
    }
}

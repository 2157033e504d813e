package org.cdphub.segments.internal.parse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML/JSON value that remembers the line it started on. */
sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    int line();

    /** What kind of value this is, for messages ("a mapping", "a list", "a number", ...). */
    String kind();

    /** A key of a mapping with the line it is on. */
    record Entry(String key, int line, Node value) {
    }

    record Mapping(int line, Map<String, Entry> entries) implements Node {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Sequence(int line, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A text, number ({@link BigDecimal} or {@link Long}/{@link java.math.BigInteger}), boolean or null. */
    record Scalar(int line, Object value) implements Node {
        @Override
        public String kind() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String) {
                return "a text";
            }
            if (value instanceof Boolean) {
                return "true/false";
            }
            return "a number";
        }
    }
}

package org.cdphub.matching.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A canonical person record as the matcher sees it: an id (never a feature) and raw field values. Values are
 * normalised by the matcher (case, accents, spacing, placeholders such as {@code null} or {@code test@test.com});
 * birth dates are {@code yyyyMMdd} or ISO {@code yyyy-MM-dd}.
 */
public final class PersonRecord {
    private final String id;
    private final String[] values;

    private PersonRecord(String id, String[] values) {
        this.id = id;
        this.values = values;
    }

    public static PersonRecord of(String id, Map<Field, String> values) {
        Builder b = builder(id);
        values.forEach(b::set);
        return b.build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    /** The raw value, or null when absent. */
    public String get(Field field) {
        return values[field.ordinal()];
    }

    public Map<Field, String> values() {
        Map<Field, String> map = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            if (values[f.ordinal()] != null) {
                map.put(f, values[f.ordinal()]);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return "PersonRecord[" + id + " " + values() + "]";
    }

    public static final class Builder {
        private final String id;
        private final String[] values = new String[Field.values().length];

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder set(Field field, String value) {
            values[field.ordinal()] = value == null || value.isBlank() ? null : value;
            return this;
        }

        public PersonRecord build() {
            return new PersonRecord(id, values.clone());
        }
    }
}

package org.cdphub.connector.crm.jdbc.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.cdphub.api.model.CdpJson;

/**
 * Where incremental reading stands: the (modified, key) of the last row sent. Both values keep their SQL type
 * (timestamp, timestamptz or date; integer, decimal, uuid or text) so that they bind back exactly, which the keyset
 * condition {@code modified > ? or (modified = ? and key > ?)} needs to lose no row that shares a timestamp.
 *
 * @param over     the table and columns the position belongs to; a position saved for others is not used
 * @param modified a {@link LocalDateTime}, {@link OffsetDateTime} or {@link LocalDate}
 * @param key      a {@link Long}, {@link BigDecimal}, {@link UUID} or {@link String}
 */
record Position(String over, Object modified, Object key) {

    /** The checkpoint key under which the position is saved. */
    static final String CHECKPOINT = "position";

    Position {
        Objects.requireNonNull(over, "over");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(key, "key");
    }

    /** The key as the database gave it, in the types this class keeps. */
    static Object key(Object value) {
        if (value instanceof Long || value instanceof BigDecimal || value instanceof UUID || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        return String.valueOf(value);
    }

    /** The checkpoint text: a small JSON object. */
    String write() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("over", over);
        out.put("modifiedType", modifiedType(modified));
        out.put("modified", modified.toString());
        out.put("keyType", keyType(key));
        out.put("key", key.toString());
        return CdpJson.write(out);
    }

    /**
     * The position saved in {@code text}, if it was saved for {@code over}; empty when there is none, it belongs to
     * other tables or columns (a full read follows), or it cannot be read.
     */
    static Optional<Position> read(String text, String over) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> in = CdpJson.read(text, Map.class);
            if (!over.equals(in.get("over"))) {
                return Optional.empty();
            }
            return Optional.of(new Position(over, modified(in.get("modifiedType"), in.get("modified")),
                    key(in.get("keyType"), in.get("key"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String modifiedType(Object value) {
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        return value instanceof LocalDateTime ? "timestamp" : "date";
    }

    private static Object modified(String type, String value) {
        switch (type) {
            case "timestamptz":
                return OffsetDateTime.parse(value);
            case "timestamp":
                return LocalDateTime.parse(value);
            case "date":
                return LocalDate.parse(value);
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static String keyType(Object value) {
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        return value instanceof UUID ? "uuid" : "string";
    }

    private static Object key(String type, String value) {
        switch (type) {
            case "long":
                return Long.parseLong(value);
            case "decimal":
                return new BigDecimal(value);
            case "uuid":
                return UUID.fromString(value);
            case "string":
                return Objects.requireNonNull(value);
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }
}

package org.cdphub.connector.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small readers for Shopify JSON: absent, null and blank all read as {@code null}. */
final class Json {

    private Json() {
    }

    /** A text or number field as trimmed text, or {@code null}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** A Shopify timestamp ({@code 2021-12-31T19:00:00-05:00}) as an instant, or {@code null} when absent. */
    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not an ISO-8601 timestamp: '" + value + "'");
        }
    }
}

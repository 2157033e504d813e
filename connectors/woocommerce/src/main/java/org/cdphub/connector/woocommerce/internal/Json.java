package org.cdphub.connector.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Small readers for WooCommerce JSON: absent, null and blank all read as {@code null}. */
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

    /**
     * A {@code *_gmt} timestamp ({@code 2017-03-22T19:28:02}, UTC without a zone, as the REST API writes them) as an
     * instant; a value with an offset is read with it. {@code null} when absent.
     */
    static Instant gmt(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + ": not an ISO-8601 timestamp: '" + value + "'");
            }
        }
    }
}

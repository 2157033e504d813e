package org.cdphub.api.model;

import java.time.Instant;
import java.util.Map;

/**
 * Something a person did at a time: an order, a page view, a form submission. {@code sourceEventId} makes redelivery
 * harmless.
 */
/* properties may hold null values: a source saying a field is empty */
public record Event(String type, Instant occurredAt, String source, String sourceEventId, Map<String, Object> properties) {

    public Event {
        properties = properties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}

package org.cdphub.connector.tracking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;

/**
 * Maps one message of the Segment HTTP Tracking API to a fragment: {@code userId} and {@code anonymousId} become
 * identifiers scoped by this connector (so an identify carrying both stitches the anonymous history to the user),
 * identify traits become traits (e-mail and phone become identifiers), track/page/screen/group become events on the
 * timeline, alias links {@code previousId} to {@code userId}, and Segment consent preferences become consents on
 * channel {@code web}. The messageId is the fragment's record id, so a redelivered message changes nothing.
 * A pure function.
 */
final class SegmentMapper {

    static final Set<String> TYPES = Set.of("identify", "track", "page", "screen", "group", "alias");
    static final String USER_ID = "userId";
    static final String ANONYMOUS_ID = "anonymousId";

    /**
     * The calls that record what the person did, whose fragments expire after {@code events.ttl} (unless they carry
     * consent preferences).
     */
    static final Set<String> EVENT_TYPES = Set.of("track", "page", "screen");

    private final String source;
    private final IdentifierNormalizer normalizer;
    private final Duration eventsTtl;

    SegmentMapper(String source, IdentifierNormalizer normalizer) {
        this(source, normalizer, null);
    }

    /**
     * @param eventsTtl how long a track, page or screen call without consent preferences is kept after its
     *                  timestamp; null: until erased
     */
    SegmentMapper(String source, IdentifierNormalizer normalizer, Duration eventsTtl) {
        this.source = source;
        this.normalizer = normalizer;
        this.eventsTtl = eventsTtl;
    }

    /**
     * @param type the endpoint's type, or {@code null} for messages of a batch (their own {@code type} field counts)
     */
    Mapped map(String type, JsonNode message, Instant receivedAt) {
        String messageId = text(message, "messageId");
        String id = messageId == null ? UUID.randomUUID().toString() : messageId;
        if (!message.isObject()) {
            return new Mapped.Refused(id, "a message must be a JSON object");
        }
        String kind = type != null ? type : text(message, "type");
        if (kind == null || !TYPES.contains(kind)) {
            return new Mapped.Refused(id, "unknown message type '" + kind + "' (expected one of " + TYPES + ")");
        }
        Instant at;
        try {
            at = timestamp(message, receivedAt);
        } catch (DateTimeParseException e) {
            return new Mapped.Refused(id, "invalid timestamp '" + text(message, "timestamp") + "'");
        }
        List<Identifier> ids = new ArrayList<>();
        addScoped(ids, USER_ID, message.get("userId"));
        addScoped(ids, ANONYMOUS_ID, message.get("anonymousId"));
        if (ids.isEmpty()) {
            return new Mapped.Refused(id, kind + ": userId or anonymousId is required");
        }
        Map<String, Object> traits = Map.of();
        List<Event> events = new ArrayList<>();
        switch (kind) {
            case "identify" -> {
                JsonNode t = message.path("traits");
                for (String field : List.of("email", "phone")) {
                    String value = text(t, field);
                    if (value != null) {
                        Normalized n = normalizer.normalize(field, value);
                        if (!n.isValid()) {
                            return new Mapped.Refused(id, "identify: traits." + field + ": " + n.error());
                        }
                        ids.add(n.identifier());
                    }
                }
                traits = SegmentTraits.map(t);
            }
            case "track" -> {
                String event = text(message, "event");
                if (event == null) {
                    return new Mapped.Refused(id, "track: the event name is required");
                }
                events.add(event(event, at, id, message.path("properties"), Map.of()));
            }
            case "page", "screen" -> events.add(event(kind, at, id, message.path("properties"),
                    named(message)));
            case "group" -> {
                String groupId = text(message, "groupId");
                if (groupId == null) {
                    return new Mapped.Refused(id, "group: groupId is required");
                }
                events.add(event("group", at, id, message.path("traits"), Map.of("groupId", groupId)));
            }
            case "alias" -> {
                if (message.path("previousId").isMissingNode() || message.path("previousId").isNull()) {
                    return new Mapped.Refused(id, "alias: previousId is required");
                }
                addScoped(ids, USER_ID, message.get("previousId"));
            }
            default -> throw new IllegalStateException(kind);
        }
        List<Consent> consents = consents(message, at);
        // a call that carries consent preferences is kept: were it to expire, an earlier consent it overrode (a grant
        // it withdrew) would be the latest again
        Instant expiresAt = eventsTtl != null && EVENT_TYPES.contains(kind) && consents.isEmpty() ? at.plus(eventsTtl)
                : null;
        return new Mapped.Accepted(new Fragment(source, id, at, ids, traits, consents, events, Map.of("type", kind),
                expiresAt));
    }

    private void addScoped(List<Identifier> ids, String type, JsonNode value) {
        if (value != null && (value.isTextual() || value.isNumber()) && !value.asText().isBlank()) {
            Identifier identifier = new Identifier(type, source + ":" + value.asText().strip());
            if (!ids.contains(identifier)) {
                ids.add(identifier);
            }
        }
    }

    private Event event(String type, Instant at, String messageId, JsonNode properties, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>(extra);
        if (properties != null && properties.isObject()) {
            props.putAll(CdpJson.mapper().convertValue(properties, Map.class));
        }
        return new Event(type, at, source, messageId, props);
    }

    private static Map<String, Object> named(JsonNode message) {
        Map<String, Object> extra = new LinkedHashMap<>();
        String name = text(message, "name");
        String category = text(message, "category");
        if (name != null) {
            extra.put("name", name);
        }
        if (category != null) {
            extra.put("category", category);
        }
        return extra;
    }

    /** {@code context.consent.categoryPreferences} (Segment Consent Management) as consents on channel web. */
    private List<Consent> consents(JsonNode message, Instant at) {
        JsonNode prefs = message.path("context").path("consent").path("categoryPreferences");
        List<Consent> out = new ArrayList<>();
        prefs.fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                out.add(new Consent(e.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "_"), "web",
                        e.getValue().booleanValue() ? ConsentStatus.GRANTED : ConsentStatus.DENIED, at, source));
            }
        });
        return out;
    }

    private static Instant timestamp(JsonNode message, Instant receivedAt) {
        for (String field : List.of("timestamp", "originalTimestamp")) {
            String value = text(message, field);
            if (value != null) {
                return java.time.OffsetDateTime.parse(value).toInstant();
            }
        }
        return receivedAt;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}

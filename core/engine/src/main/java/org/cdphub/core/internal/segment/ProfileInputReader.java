package org.cdphub.core.internal.segment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.core.internal.store.IsoInstants;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Fields;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * Reads from a stored profile document (the JSON of {@link Profile}) only what segment evaluation needs, with Jackson's
 * streaming parser: trait values, consents, identifiers (for the membership changes), and the events of the types the
 * definitions read ({@link Fields}); other events, sources, aliases and provenance are skipped without being built.
 * The result is the same {@link EvaluationInput} as {@code EvaluationInput.fromProfile} of the fully parsed profile,
 * without segments (those come from the membership table). Thread-safe.
 */
final class ProfileInputReader {

    /** What one document yields. */
    record Read(String profileId, EvaluationInput input, List<Identifier> identifiers, List<Consent> consents) {
    }

    private static final ObjectMapper MAPPER = CdpJson.mapper();
    // readers built once: ObjectMapper.readValue looks its root deserializer up on every call
    private static final ObjectReader IDENTIFIERS = MAPPER.readerFor(MAPPER.getTypeFactory()
            .constructCollectionType(List.class, Identifier.class));
    private static final ObjectReader CONSENTS = MAPPER.readerFor(MAPPER.getTypeFactory()
            .constructCollectionType(List.class, Consent.class));
    private static final ObjectReader PROPERTIES = MAPPER.readerFor(MAPPER.getTypeFactory()
            .constructMapType(Map.class, String.class, Object.class));
    private static final ObjectReader VALUE = MAPPER.readerFor(Object.class);
    private static final ObjectReader INSTANT = MAPPER.readerFor(Instant.class);

    private final Set<String> eventTypes;

    private ProfileInputReader(Set<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** A reader that keeps the events of the types {@code definitions} read. */
    static ProfileInputReader forDefinitions(List<SegmentDefinition> definitions) {
        Set<String> types = new TreeSet<>();
        String prefix = Fields.events("");
        for (SegmentDefinition d : definitions) {
            for (String field : Fields.of(d.condition())) {
                if (field.startsWith(prefix)) {
                    types.add(field.substring(prefix.length()));
                }
            }
        }
        return new ProfileInputReader(Set.copyOf(types));
    }

    Read read(String json) {
        try (JsonParser p = MAPPER.createParser(json)) {
            return read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("stored profile document does not parse: " + e.getMessage(), e);
        }
    }

    private Read read(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT, p);
        String profileId = null;
        Map<String, Object> traits = new HashMap<>();
        List<Consent> consents = List.of();
        List<Identifier> identifiers = List.of();
        List<Event> events = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "profileId" -> profileId = p.getValueAsString();
                case "traits" -> readTraits(p, traits);
                case "consents" -> consents = CONSENTS.readValue(p);
                case "identifiers" -> identifiers = IDENTIFIERS.readValue(p);
                case "events" -> readEvents(p, events);
                default -> p.skipChildren();
            }
        }
        // List.copyOf: lists that every membership change of the profile then shares instead of copying
        List<Consent> kept = List.copyOf(consents.stream().filter(c -> c != null).toList());
        return new Read(profileId, EvaluationInput.of(traits, kept, events, List.of()),
                List.copyOf(identifiers.stream().filter(i -> i != null).toList()), kept);
    }

    /** {@code {"name": {"value": ..., "source": ...}, ...}}: the values, as databind reads an {@code Object}. */
    private static void readTraits(JsonParser p, Map<String, Object> traits) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren(); // a null trait
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if ("value".equals(field) && token != JsonToken.VALUE_NULL) {
                    traits.put(name, VALUE.readValue(p));
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void readEvents(JsonParser p, List<Event> events) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY, p);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String type = null;
            Instant occurredAt = null;
            String source = null;
            String sourceEventId = null;
            Map<String, Object> properties = null;
            boolean wanted = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (!wanted || token == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                    continue;
                }
                switch (field) {
                    case "type" -> {
                        type = p.getValueAsString();
                        wanted = eventTypes.contains(type);
                    }
                    case "occurredAt" -> occurredAt = instant(p);
                    case "source" -> source = p.getValueAsString();
                    case "sourceEventId" -> sourceEventId = p.getValueAsString();
                    case "properties" -> properties = PROPERTIES.readValue(p);
                    default -> p.skipChildren();
                }
            }
            if (wanted && type != null) {
                events.add(new Event(type, occurredAt, source, sourceEventId, properties));
            }
        }
    }

    /** ISO text as the store writes it; anything else (a number) as databind reads an {@link Instant}. */
    private static Instant instant(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return IsoInstants.parse(p.getText());
            } catch (DateTimeParseException e) {
                // not the store's own form: let the configured deserializer decide
            }
        }
        return INSTANT.readValue(p);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " at " + p.currentLocation() + ", found " + actual);
        }
    }
}

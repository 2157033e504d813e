package org.cdphub.connector.tracking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps Segment's reserved identify traits onto canonical trait names (firstName, lastName, birthDate, city, country,
 * postcode, region, addressLine1); other scalar traits keep their name, nested objects are flattened one level with a
 * dot. E-mail and phone are identifiers and are handled by the mapper.
 */
final class SegmentTraits {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Map<String, String> RESERVED = Map.of(
            "firstName", "firstName", "first_name", "firstName",
            "lastName", "lastName", "last_name", "lastName",
            "birthday", "birthDate", "name", "name", "gender", "gender", "title", "title");
    private static final Map<String, String> ADDRESS = Map.of(
            "city", "city", "country", "country", "postalCode", "postcode", "postal_code", "postcode",
            "state", "region", "street", "addressLine1");

    private SegmentTraits() {
    }

    static Map<String, Object> map(JsonNode traits) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (traits == null || !traits.isObject()) {
            return out;
        }
        traits.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals("email") || key.equals("phone")) {
                return;
            }
            if (key.equals("address") && value.isObject()) {
                value.fields().forEachRemaining(a -> put(out, ADDRESS.getOrDefault(a.getKey(), "address." + a.getKey()),
                        a.getValue()));
            } else if (value.isObject()) {
                value.fields().forEachRemaining(a -> put(out, key + "." + a.getKey(), a.getValue()));
            } else {
                put(out, RESERVED.getOrDefault(key, key), value);
            }
        });
        if (out.get("birthDate") instanceof String birthday && birthday.length() > 10) {
            out.put("birthDate", birthday.substring(0, 10)); // ISO date-time to its date
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, JsonNode value) {
        String[] parts = key.split("\\.", -1);
        for (String part : parts) {
            if (!NAME.matcher(part).matches()) {
                return; // not a usable trait name (the raw message stays in the dead-letter-free record of events)
            }
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (!text.isEmpty()) {
                out.put(key, text);
            }
        } else if (value.isNumber()) {
            out.put(key, value.numberValue());
        } else if (value.isBoolean()) {
            out.put(key, value.booleanValue());
        }
    }
}

package org.cdphub.connector.tracking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps Segment's reserved identify traits onto canonical trait names (firstName, lastName, birthDate, city, country,
 * postcode, region, addressLine1); other traits keep their name (made safe), nested objects are flattened one level with a
 * dot, lists are kept as lists: nothing a client sends as a trait is dropped silently. E-mail and phone are
 * identifiers and are handled by the mapper.
 */
final class SegmentTraits {

    private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_.]");
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

    private static void put(Map<String, Object> out, String rawKey, JsonNode value) {
        String key = traitName(rawKey);
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (!text.isEmpty()) {
                out.put(key, text);
            }
        } else if (value.isNumber()) {
            out.put(key, value.numberValue());
        } else if (value.isBoolean()) {
            out.put(key, value.booleanValue());
        } else if (value.isContainerNode() && !value.isEmpty()) {
            out.put(key, org.cdphub.api.model.CdpJson.mapper().convertValue(value, Object.class)); // lists, deeper objects
        }
    }

    /** A trait name the model accepts: other characters become '_' ("Favourite Colour" → "Favourite_Colour"). */
    static String traitName(String key) {
        String name = NOT_NAME.matcher(key).replaceAll("_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "t_" + name;
        }
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}

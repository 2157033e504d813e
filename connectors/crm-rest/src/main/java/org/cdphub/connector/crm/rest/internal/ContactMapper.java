package org.cdphub.connector.crm.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;

/**
 * Turns one HubSpot CRM v3 contact ({@code {"id", "properties": {...}, "updatedAt", ...}}) into a {@link Fragment},
 * or into the reasons it cannot be taken. A pure function: no clock, no I/O, never null. Thread-safe.
 *
 * <p>{@code id} is the record id and the {@code crmId} {@code <source>:<id>}; {@code email}, {@code phone} and
 * {@code mobilephone} are identifiers (normalised; an invalid one rejects the contact, as in crm-csv); the address and
 * name properties become canonical traits; {@code hs_email_optout=true} is a denied marketing/email consent, while
 * {@code false} records nothing (not having opted out is not consent); other requested properties keep their name as
 * traits.
 */
final class ContactMapper {

    static final String LAST_MODIFIED = "lastmodifieddate";
    static final String EMAIL_OPTOUT = "hs_email_optout";
    static final String MERGED_IDS = "hs_merged_object_ids";

    /** HubSpot property → canonical trait. */
    private static final Map<String, String> TRAITS = Map.of(
            "firstname", "firstName", "lastname", "lastName", "city", "city", "country", "country",
            "zip", "postcode", "address", "addressLine1", "state", "region", "date_of_birth", "birthDate",
            "company", "company");
    /** Properties that are identifiers, bookkeeping or handled apart: never traits. */
    private static final Set<String> NOT_TRAITS = Set.of("email", "phone", "mobilephone", LAST_MODIFIED,
            EMAIL_OPTOUT, MERGED_IDS, "hs_object_id", "createdate");

    private final String source;
    private final IdentifierNormalizer normalizer;

    /** @param source the connector instance id: the fragments' source and the prefix of their crmId */
    ContactMapper(String source, IdentifierNormalizer normalizer) {
        this.source = source;
        this.normalizer = normalizer;
    }

    MapResult map(JsonNode contact) {
        String id = text(contact.path("id"));
        if (id.isEmpty()) {
            return new MapResult.Rejected("", null, "missing id");
        }
        JsonNode props = contact.path("properties");
        List<String> problems = new ArrayList<>();
        Instant modified = modifiedAt(contact, problems);
        Set<Identifier> identifiers = new LinkedHashSet<>();
        identifiers.add(new Identifier(IdentifierTypes.CRM_ID, source + ":" + id));
        identifier(props, "email", IdentifierTypes.EMAIL, identifiers, problems);
        identifier(props, "phone", IdentifierTypes.PHONE, identifiers, problems);
        identifier(props, "mobilephone", IdentifierTypes.PHONE, identifiers, problems);
        List<Consent> consents = new ArrayList<>();
        String optOut = text(props.path(EMAIL_OPTOUT)).toLowerCase(Locale.ROOT);
        if (!optOut.isEmpty() && !optOut.equals("true") && !optOut.equals("false")) {
            problems.add("property '" + EMAIL_OPTOUT + "': invalid value '" + optOut + "' (expected true or false)");
        }
        if (!problems.isEmpty()) {
            return new MapResult.Rejected(id, modified, String.join("; ", problems));
        }
        if (optOut.equals("true")) {
            consents.add(new Consent("marketing", "email", ConsentStatus.DENIED, modified, source));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("object", "contacts/" + id);
        Fragment fragment = new Fragment(source, id, modified, List.copyOf(identifiers), traits(props), consents,
                List.of(), provenance);
        return new MapResult.Mapped(fragment, mergedIds(id, props));
    }

    /** {@code properties.lastmodifieddate}, else the object's {@code updatedAt}: ISO-8601, or epoch milliseconds. */
    private static Instant modifiedAt(JsonNode contact, List<String> problems) {
        String value = text(contact.path("properties").path(LAST_MODIFIED));
        String name = LAST_MODIFIED;
        if (value.isEmpty()) {
            value = text(contact.path("updatedAt"));
            name = "updatedAt";
        }
        if (value.isEmpty()) {
            problems.add("missing " + LAST_MODIFIED + " and updatedAt");
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add("invalid " + name + " '" + value + "' (expected an ISO-8601 instant)");
            return null;
        }
    }

    private void identifier(JsonNode props, String property, String type, Set<Identifier> out, List<String> problems) {
        String value = text(props.path(property));
        if (value.isEmpty()) {
            return;
        }
        Normalized normalized = normalizer.normalize(type, value);
        if (normalized.isValid()) {
            out.add(normalized.identifier());
        } else {
            problems.add("property '" + property + "': " + normalized.error());
        }
    }

    private static Map<String, Object> traits(JsonNode props) {
        Map<String, Object> traits = new LinkedHashMap<>();
        props.fields().forEachRemaining(e -> {
            String value = text(e.getValue());
            if (value.isEmpty() || NOT_TRAITS.contains(e.getKey())) {
                return;
            }
            String trait = TRAITS.getOrDefault(e.getKey(), e.getKey());
            traits.put(trait, trait.equals("birthDate") ? birthDate(value) : value);
        });
        return traits;
    }

    /** A date property: {@code 1985-04-12}; an ISO date-time or midnight in epoch milliseconds becomes its date. */
    private static String birthDate(String value) {
        if (value.chars().allMatch(Character::isDigit) && value.length() > 8 && value.length() < 16) {
            return Instant.ofEpochMilli(Long.parseLong(value)).toString().substring(0, 10);
        }
        return value.length() > 10 && value.charAt(4) == '-' ? value.substring(0, 10) : value;
    }

    private static List<String> mergedIds(String id, JsonNode props) {
        Set<String> ids = new LinkedHashSet<>();
        for (String merged : text(props.path(MERGED_IDS)).split(";")) {
            String m = merged.strip();
            if (!m.isEmpty() && !m.equals(id)) {
                ids.add(m);
            }
        }
        return List.copyOf(ids);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
    }
}

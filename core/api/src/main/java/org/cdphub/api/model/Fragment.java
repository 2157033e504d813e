package org.cdphub.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one source said about one person at one time. Fragments are immutable; a newer fragment with the same
 * {@code source} and {@code sourceRecordId} replaces the older one.
 *
 * @param source         the connector instance that produced it, for example {@code crm-salesforce}
 * @param sourceRecordId the record's id in that source
 * @param observedAt     when the source last changed the record (or when it was read, if the source does not say)
 * @param identifiers    identifiers, normalised
 * @param traits         attributes such as {@code firstName} or {@code country}
 * @param consents       consents reported by the source
 * @param events         events (orders, page views) reported by the source
 * @param provenance     where exactly the record came from, for example {@code file} and {@code line}
 * @param expiresAt      for third-party data with a time to live (DMP audiences, cookie syncs): when the hub removes
 *                       the fragment again, as if erased; {@code null} for data kept until the source deletes it. The
 *                       hub never keeps a fragment longer than {@link #MAX_TIME_TO_LIVE} after {@code observedAt}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Fragment(String source, String sourceRecordId, Instant observedAt, List<Identifier> identifiers,
        Map<String, Object> traits, List<Consent> consents, List<Event> events, Map<String, String> provenance, Instant expiresAt) {

    /** The longest any fragment with an expiry is kept: 13 months (395 days) after it was observed. */
    public static final java.time.Duration MAX_TIME_TO_LIVE = java.time.Duration.ofDays(395);

    public Fragment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceRecordId, "sourceRecordId");
        Objects.requireNonNull(observedAt, "observedAt");
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        traits = traits == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        consents = consents == null ? List.of() : List.copyOf(consents);
        events = events == null ? List.of() : List.copyOf(events);
        provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (expiresAt != null && expiresAt.isAfter(observedAt.plus(MAX_TIME_TO_LIVE))) {
            expiresAt = observedAt.plus(MAX_TIME_TO_LIVE);
        }
    }

    /** A fragment kept until its source deletes it. */
    public Fragment(String source, String sourceRecordId, Instant observedAt, List<Identifier> identifiers,
            Map<String, Object> traits, List<Consent> consents, List<Event> events, Map<String, String> provenance) {
        this(source, sourceRecordId, observedAt, identifiers, traits, consents, events, provenance, null);
    }

    /** {@code source/sourceRecordId}. */
    public String key() {
        return source + "/" + sourceRecordId;
    }
}

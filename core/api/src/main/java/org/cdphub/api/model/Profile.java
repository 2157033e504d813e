package org.cdphub.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unified person: every identifier of its fragments, the surviving value of each trait with its provenance, the
 * latest consent per purpose and channel, events, segment memberships, and the ids of profiles merged into it.
 */
public record Profile(String profileId, List<Identifier> identifiers, Map<String, TraitValue> traits,
        List<Consent> consents, List<Event> events, List<SegmentMembership> segments, List<String> aliases,
        List<SourceRef> sources, Instant createdAt, Instant updatedAt) {

    public Profile {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        traits = traits == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(traits));
        consents = consents == null ? List.of() : List.copyOf(consents);
        events = events == null ? List.of() : List.copyOf(events);
        segments = segments == null ? List.of() : List.copyOf(segments);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The surviving value of a trait, if any. */
    public Optional<Object> trait(String name) {
        TraitValue value = traits.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.value());
    }

    /** Latest consent for a purpose and channel, if the profile has one. */
    public Optional<Consent> consent(String purpose, String channel) {
        return consents.stream().filter(c -> c.purpose().equals(purpose) && c.channel().equals(channel)).findFirst();
    }

    @JsonIgnore
    public boolean inSegment(String segment) {
        return segments.stream().anyMatch(m -> m.segment().equals(segment));
    }

    /** The same profile with other segment memberships. */
    public Profile withSegments(List<SegmentMembership> newSegments) {
        return new Profile(profileId, identifiers, traits, consents, events, newSegments, aliases, sources, createdAt,
                updatedAt);
    }
}

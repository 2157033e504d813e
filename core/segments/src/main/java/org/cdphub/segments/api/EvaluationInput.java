package org.cdphub.segments.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.model.TraitValue;

/**
 * What a condition can read about one person: trait values (computed order traits such as {@code orderCount},
 * {@code totalSpend} and {@code lastOrderAt} are ordinary traits), the latest consent per {@code purpose/channel},
 * events, and current segment memberships. Immutable; events are indexed by type, oldest first.
 */
public final class EvaluationInput {

    /** Trait with the person's IANA time zone, for example {@code Europe/Amsterdam}. */
    public static final String TIME_ZONE_TRAIT = "timeZone";
    /** Trait with the DMP audiences the person belongs to: a list of names, or one comma-separated text. */
    public static final String DMP_AUDIENCES_TRAIT = "dmpAudiences";
    /** Default trait of a birthday condition: an ISO date {@code yyyy-MM-dd} (a longer ISO text is cut to its date). */
    public static final String BIRTH_DATE_TRAIT = "birthDate";
    /** Traits of the person's location, as decimal degrees. */
    public static final String LATITUDE_TRAIT = "latitude";
    public static final String LONGITUDE_TRAIT = "longitude";

    private static final Comparator<Event> BY_TIME = Comparator.comparing(Event::occurredAt,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Map<String, Object> traits;
    private final Map<String, Consent> consents;
    private final Map<String, List<Event>> eventsByType;
    private final Set<String> segments;

    private EvaluationInput(Map<String, Object> traits, Map<String, Consent> consents,
            Map<String, List<Event>> eventsByType, Set<String> segments) {
        this.traits = traits;
        this.consents = consents;
        this.eventsByType = eventsByType;
        this.segments = segments;
    }

    /**
     * An input from raw parts. Null trait values are dropped; of several consents with the same key the one updated
     * last wins.
     */
    public static EvaluationInput of(Map<String, ?> traits, Collection<Consent> consents, Collection<Event> events,
            Collection<String> segments) {
        Map<String, Object> traitMap = new HashMap<>();
        if (traits != null) {
            traits.forEach((name, value) -> {
                if (name != null && value != null) {
                    traitMap.put(name, value);
                }
            });
        }
        Map<String, Consent> consentMap = new HashMap<>();
        if (consents != null) {
            for (Consent c : consents) {
                if (c != null && c.purpose() != null && c.channel() != null) {
                    consentMap.merge(c.key(), c, EvaluationInput::later);
                }
            }
        }
        Map<String, List<Event>> byType = new HashMap<>();
        if (events != null) {
            for (Event e : events) {
                if (e != null && e.type() != null && e.occurredAt() != null) {
                    byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
                }
            }
        }
        byType.replaceAll((type, list) -> {
            list.sort(BY_TIME);
            return List.copyOf(list);
        });
        Set<String> segmentSet = segments == null ? Set.of() : Set.copyOf(segments);
        return new EvaluationInput(Map.copyOf(traitMap), Map.copyOf(consentMap), Map.copyOf(byType), segmentSet);
    }

    /** The input of a profile: surviving trait values, latest consents, events and current memberships. */
    public static EvaluationInput fromProfile(Profile profile) {
        Map<String, Object> traits = new HashMap<>();
        for (Map.Entry<String, TraitValue> e : profile.traits().entrySet()) {
            if (e.getValue() != null && e.getValue().value() != null) {
                traits.put(e.getKey(), e.getValue().value());
            }
        }
        List<String> segments = profile.segments().stream().map(SegmentMembership::segment).toList();
        return of(traits, profile.consents(), profile.events(), segments);
    }

    /** The same input with other segment memberships (for evaluating segments that refer to other segments). */
    public EvaluationInput withSegments(Collection<String> newSegments) {
        return new EvaluationInput(traits, consents, eventsByType, Set.copyOf(newSegments));
    }

    /** The trait's value, or null. */
    public Object trait(String name) {
        return traits.get(name);
    }

    /** All trait values by name (no null values). */
    public Map<String, Object> traits() {
        return traits;
    }

    /** The latest consent for {@code purpose/channel}, or null. */
    public Consent consent(String purpose, String channel) {
        return consents.get(purpose + "/" + channel);
    }

    /** Latest consents by {@code purpose/channel}. */
    public Map<String, Consent> consents() {
        return consents;
    }

    /** Events of one type, oldest first (empty if none). */
    public List<Event> events(String type) {
        return eventsByType.getOrDefault(type, List.of());
    }

    /** Events by type, each list oldest first. */
    public Map<String, List<Event>> eventsByType() {
        return eventsByType;
    }

    /** Names of the segments the person is currently in. */
    public Set<String> segments() {
        return segments;
    }

    /** The DMP audiences from the {@value #DMP_AUDIENCES_TRAIT} trait. */
    public Set<String> dmpAudiences() {
        Object value = traits.get(DMP_AUDIENCES_TRAIT);
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.stream().filter(v -> v != null).forEach(v -> out.add(String.valueOf(v).trim()));
        } else if (value != null) {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static Consent later(Consent a, Consent b) {
        if (a.updatedAt() == null) {
            return b;
        }
        return b.updatedAt() != null && b.updatedAt().isAfter(a.updatedAt()) ? b : a;
    }
}

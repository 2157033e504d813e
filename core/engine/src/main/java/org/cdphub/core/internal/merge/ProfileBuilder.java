package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.model.TraitValue;
import org.cdphub.core.internal.rules.SurvivorshipRules;

/**
 * Computes a profile from all of its fragments (survivorship). Pure and deterministic: the same fragments give the
 * same profile whatever order they come in.
 * <ul>
 * <li>identifiers: the union of the linking identifiers of the fragments (blocked and dropped ones left out), sorted
 * by type and value;</li>
 * <li>traits: per trait, the value its survivorship rule picks among the fragments' non-null values (see
 * {@link TraitSurvivorship}), with the fragment it came from as provenance;</li>
 * <li>consents: per purpose/channel the one with the latest {@code updatedAt} (the fragment's {@code observedAt} when
 * the consent has none; tie as for traits); a consent without a source gets its fragment's source;</li>
 * <li>events: the union, de-duplicated by (source, sourceEventId) keeping the copy of the most recent fragment, sorted
 * by time; events without a sourceEventId are de-duplicated only when equal;</li>
 * <li>sources: one reference per fragment;</li>
 * <li>computed traits: order count, spend, first and last order, categories bought, from the order events (see
 * {@link OrderTraits}).</li>
 * </ul>
 */
final class ProfileBuilder {

    /** Most recently observed first; then source and record id alphabetically. */
    static final Comparator<Fragment> PRECEDENCE = Comparator.comparing(Fragment::observedAt).reversed()
            .thenComparing(Fragment::source).thenComparing(Fragment::sourceRecordId);

    private static final Comparator<Event> EVENT_ORDER = Comparator
            .comparing(Event::occurredAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Event::source, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Event::sourceEventId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Event::type, Comparator.nullsLast(Comparator.naturalOrder()));

    private ProfileBuilder() {
    }

    /** @param linking the identifiers of a fragment that link */
    static Profile build(String profileId, List<Fragment> fragments, Function<Fragment, List<Identifier>> linking,
            SurvivorshipRules survivorship, List<String> aliases, List<SegmentMembership> segments,
            Instant createdAt, Instant updatedAt) {
        List<Fragment> ordered = new ArrayList<>(fragments);
        ordered.sort(PRECEDENCE);
        TreeSet<Identifier> identifiers = new TreeSet<>(
                Comparator.comparing(Identifier::type).thenComparing(Identifier::value));
        ordered.forEach(f -> identifiers.addAll(linking.apply(f)));
        List<Event> events = events(ordered);
        Map<String, TraitValue> traits = new TreeMap<>(TraitSurvivorship.choose(ordered, survivorship));
        traits.putAll(OrderTraits.compute(events)); // computed from the events, so a source cannot override them
        return new Profile(profileId, List.copyOf(identifiers), traits, consents(ordered), events, segments, aliases,
                sources(ordered), createdAt, updatedAt);
    }

    private static List<Consent> consents(List<Fragment> ordered) {
        Map<String, Consent> latest = new TreeMap<>();
        for (Fragment f : ordered) {
            for (Consent c : f.consents()) {
                Consent effective = new Consent(c.purpose(), c.channel(), c.status(),
                        c.updatedAt() != null ? c.updatedAt() : f.observedAt(),
                        c.source() != null ? c.source() : f.source());
                Consent current = latest.get(effective.key());
                if (current == null || effective.updatedAt().isAfter(current.updatedAt())) {
                    latest.put(effective.key(), effective);
                }
            }
        }
        return List.copyOf(latest.values());
    }

    private static List<Event> events(List<Fragment> ordered) {
        Map<Object, Event> unique = new LinkedHashMap<>();
        for (Fragment f : ordered) {
            for (Event e : f.events()) {
                Event event = e.source() != null ? e
                        : new Event(e.type(), e.occurredAt(), f.source(), e.sourceEventId(), e.properties());
                Object key = event.sourceEventId() != null ? List.of(event.source(), event.sourceEventId()) : event;
                unique.putIfAbsent(key, event);
            }
        }
        List<Event> events = new ArrayList<>(unique.values());
        events.sort(EVENT_ORDER);
        return events;
    }

    private static List<SourceRef> sources(List<Fragment> ordered) {
        return ordered.stream()
                .map(f -> new SourceRef(f.source(), f.sourceRecordId(), f.observedAt()))
                .sorted(Comparator.comparing(SourceRef::source).thenComparing(SourceRef::sourceRecordId))
                .toList();
    }
}

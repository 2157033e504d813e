package org.cdphub.core.internal.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.TraitValue;
import org.cdphub.core.internal.rules.SurvivorshipRule;
import org.cdphub.core.internal.rules.SurvivorshipRules;

/**
 * Picks each trait's value among the values of a profile's fragments, by the trait's {@link SurvivorshipRule}. Every
 * non-null value of a fragment is a candidate, with the fragment as provenance. Pure and deterministic: equal
 * observation times are decided by source, then record id, alphabetically.
 */
public final class TraitSurvivorship {

    /** Most recently observed first; then source and record id alphabetically. */
    static final Comparator<TraitValue> MOST_RECENT_FIRST = Comparator.comparing(TraitValue::observedAt).reversed()
            .thenComparing(TraitValue::source).thenComparing(TraitValue::sourceRecordId);
    private static final Comparator<TraitValue> OLDEST_FIRST = Comparator.comparing(TraitValue::observedAt)
            .thenComparing(TraitValue::source).thenComparing(TraitValue::sourceRecordId);

    private TraitSurvivorship() {
    }

    /** Per trait name, every candidate value, most recently observed first. */
    public static Map<String, List<TraitValue>> candidates(List<Fragment> fragments) {
        Map<String, List<TraitValue>> candidates = new TreeMap<>();
        for (Fragment f : fragments) {
            f.traits().forEach((name, value) -> {
                if (value != null) {
                    candidates.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new TraitValue(value, f.source(), f.sourceRecordId(), f.observedAt()));
                }
            });
        }
        candidates.values().forEach(values -> values.sort(MOST_RECENT_FIRST));
        return candidates;
    }

    /** The surviving value of every trait. */
    public static Map<String, TraitValue> choose(List<Fragment> fragments, SurvivorshipRules rules) {
        Map<String, TraitValue> traits = new TreeMap<>();
        candidates(fragments).forEach((name, values) -> traits.put(name, choose(values, rules.ruleFor(name), rules)));
        return traits;
    }

    /** The surviving value among {@code candidates} (most recently observed first, not empty). */
    public static TraitValue choose(List<TraitValue> candidates, SurvivorshipRule rule, SurvivorshipRules rules) {
        return switch (rule) {
            case MOST_RECENT -> candidates.get(0);
            case OLDEST -> candidates.stream().min(OLDEST_FIRST).orElseThrow();
            case SOURCE_PRIORITY -> candidates.stream()
                    .min(Comparator.comparingInt((TraitValue v) -> rules.sourceRank(v.source()))
                            .thenComparing(MOST_RECENT_FIRST))
                    .orElseThrow();
            case MOST_FREQUENT -> mostFrequent(candidates);
            case UNION -> union(candidates);
        };
    }

    private static TraitValue union(List<TraitValue> candidates) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        for (TraitValue candidate : candidates) {
            if (candidate.value() instanceof java.util.Collection<?> values) {
                values.stream().filter(Objects::nonNull).map(String::valueOf).forEach(all::add);
            } else {
                all.add(String.valueOf(candidate.value()));
            }
        }
        TraitValue latest = candidates.get(0);
        return new TraitValue(List.copyOf(all), latest.source(), latest.sourceRecordId(), latest.observedAt());
    }

    /** The value most candidates hold; on a tie the one seen most recently; its most recent candidate. */
    private static TraitValue mostFrequent(List<TraitValue> candidates) {
        Map<Object, Integer> counts = new LinkedHashMap<>();
        Map<Object, TraitValue> latest = new LinkedHashMap<>();
        for (TraitValue candidate : candidates) {
            Object key = new ValueKey(candidate.value());
            counts.merge(key, 1, Integer::sum);
            latest.putIfAbsent(key, candidate);
        }
        Object best = null;
        for (Object key : counts.keySet()) { // in order of the most recent candidate of each value
            if (best == null || counts.get(key) > counts.get(best)) {
                best = key;
            }
        }
        return latest.get(best);
    }

    /** Compares values by equality, numbers by their numeric value (1 equals 1.0). */
    private record ValueKey(Object value) {

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof ValueKey that)) {
                return false;
            }
            if (value instanceof Number a && that.value instanceof Number b) {
                return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
            }
            return Objects.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return value instanceof Number n ? Double.hashCode(n.doubleValue()) : Objects.hashCode(value);
        }
    }
}

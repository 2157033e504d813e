package org.cdphub.core.internal.merge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.rules.IdentityRules;
import org.cdphub.core.internal.rules.Limit;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.matching.api.PersonRecord;

/**
 * The identity graph of one merge: union-find over fragments and the identifiers they link, with, per connected group,
 * the identifier values that count against a limit. Fragments are added one at a time. A fragment links its
 * identifiers strongest first (by {@code rules.priority}); an identifier that would make a group break a limit, with
 * the identifiers linked so far, is dropped instead, so that the weakest identifiers give way and two people are not
 * merged. An identifier of a type a household shares ({@code rules.shared}) is dropped too when the group it would
 * join holds a person that clearly differs from the fragment's ({@link PersonConflict}). Not thread-safe; one per
 * merge.
 */
final class IdentityGraph {

    /** An identifier a fragment could not link, and why. */
    record Drop(Identifier identifier, String reason) {
    }

    /** Persons kept per group for the shared-identifier check; more add little and cost a comparison each. */
    static final int MAX_PERSONS = 8;

    private final IdentityRules rules;
    private final PersonConflict conflicts;
    /** Nodes: the fragments ({@link FragmentKey}) and the identifiers ({@link Identifier}) they link. */
    private final UnionFind<Object> sets = new UnionFind<>();
    /** Per group root: the persons of its fragments (at most {@link #MAX_PERSONS}). */
    private final Map<Object, List<PersonRecord>> persons = new HashMap<>();
    /** Per group root: counting key to the values counted (only identifiers with a finite limit). */
    private final Map<Object, Map<String, Set<String>>> counted = new HashMap<>();
    /** The limit of each counting key seen. */
    private final Map<String, Limit> limitOf = new HashMap<>();

    IdentityGraph(IdentityRules rules) {
        this(rules, null);
    }

    /** A graph that checks links by shared identifier types with {@code conflicts} (null: no check). */
    IdentityGraph(IdentityRules rules, PersonConflict conflicts) {
        this.rules = rules;
        this.conflicts = conflicts;
    }

    List<Drop> add(FragmentKey fragment, List<Identifier> linkable) {
        return add(fragment, linkable, null);
    }

    /**
     * Adds a fragment with the identifiers it may link (blocked ones already left out) and links it.
     *
     * @param person the person the fragment describes ({@link PersonConflict#person}), or null
     * @return the identifiers it had to drop, with the reason
     */
    List<Drop> add(FragmentKey fragment, List<Identifier> linkable, PersonRecord person) {
        List<Identifier> ordered = distinct(linkable);
        ordered.sort(rules.priority().strongestFirst());
        List<Identifier> accepted = new ArrayList<>();
        Set<Object> roots = new LinkedHashSet<>();
        // the values counted so far for the fragment: its accepted identifiers and the groups they join. It only
        // grows by what is accepted, so it never breaks a limit itself; a candidate is checked on what it would add
        Map<String, Set<String>> counts = new TreeMap<>();
        List<Drop> drops = new ArrayList<>();
        for (Identifier identifier : ordered) {
            Object root = sets.contains(identifier) ? sets.find(identifier) : null;
            boolean joins = root != null && !roots.contains(root);
            if (joins && person != null && conflicts != null && rules.shared().contains(identifier.type())) {
                Optional<String> conflict = conflicts.with(person, persons.getOrDefault(root, List.of()));
                if (conflict.isPresent()) {
                    drops.add(new Drop(identifier, "shared with a different person: " + conflict.get()));
                    continue;
                }
            }
            Map<String, Set<String>> joining = joins ? counted.getOrDefault(root, Map.of()) : Map.of();
            String ownKey = countingKey(identifier);
            Optional<String> broken = violation(counts, joining, ownKey, identifier.value());
            if (broken.isPresent()) {
                drops.add(new Drop(identifier, broken.get()));
                continue;
            }
            accepted.add(identifier);
            if (root != null) {
                roots.add(root);
            }
            joining.forEach((key, values) -> counts.computeIfAbsent(key, k -> new TreeSet<>()).addAll(values));
            if (ownKey != null) {
                counts.computeIfAbsent(ownKey, k -> new TreeSet<>()).add(identifier.value());
            }
        }
        sets.find(fragment);
        accepted.forEach(identifier -> sets.union(fragment, identifier));
        roots.forEach(counted::remove);
        counted.remove(fragment);
        Object root = sets.find(fragment);
        if (!counts.isEmpty()) {
            counted.put(root, counts);
        }
        List<PersonRecord> joined = new ArrayList<>();
        roots.forEach(r -> joined.addAll(persons.getOrDefault(r, List.of())));
        joined.addAll(persons.getOrDefault(fragment, List.of()));
        if (person != null) {
            joined.add(person);
        }
        roots.forEach(persons::remove);
        persons.remove(fragment);
        keepPersons(root, joined);
        return drops;
    }

    /**
     * Joins the groups of two added fragments (a probabilistic link) unless the joined group would break a limit.
     *
     * @return the limit it would break; empty when the groups are joined (or were one already)
     */
    Optional<String> link(FragmentKey a, FragmentKey b) {
        Object rootA = sets.find(a);
        Object rootB = sets.find(b);
        if (rootA.equals(rootB)) {
            return Optional.empty();
        }
        Map<String, Set<String>> joined = copy(counted.getOrDefault(rootA, Map.of()));
        counted.getOrDefault(rootB, Map.of()).forEach((key, values) ->
                joined.computeIfAbsent(key, k -> new TreeSet<>()).addAll(values));
        Optional<String> broken = violation(joined);
        if (broken.isPresent()) {
            return broken;
        }
        sets.union(rootA, rootB);
        counted.remove(rootA);
        counted.remove(rootB);
        Object root = sets.find(rootA);
        if (!joined.isEmpty()) {
            counted.put(root, joined);
        }
        List<PersonRecord> people = new ArrayList<>(persons.getOrDefault(rootA, List.of()));
        people.addAll(persons.getOrDefault(rootB, List.of()));
        persons.remove(rootA);
        persons.remove(rootB);
        keepPersons(root, people);
        return Optional.empty();
    }

    private void keepPersons(Object root, List<PersonRecord> people) {
        if (!people.isEmpty()) {
            persons.put(root, people.size() <= MAX_PERSONS ? people : new ArrayList<>(people.subList(0, MAX_PERSONS)));
        }
    }

    /** The group of an added fragment (its union-find root: a fragment key or an identifier). */
    Object component(FragmentKey fragment) {
        return sets.find(fragment);
    }

    /** The key {@code identifier} counts under against its type's limit (its limit noted), or null: no limit. */
    private String countingKey(Identifier identifier) {
        Limit limit = rules.limits().of(identifier.type());
        if (limit.unlimited()) {
            return null;
        }
        String key = rules.limits().countingKey(identifier);
        limitOf.put(key, limit);
        return key;
    }

    /**
     * The limit that {@code counts} would break with the values of {@code joined} and {@code value} (under
     * {@code ownKey}; null: not counted) added, first by counting key; computed without copying {@code counts},
     * which breaks none itself.
     */
    private Optional<String> violation(Map<String, Set<String>> counts, Map<String, Set<String>> joined,
            String ownKey, String value) {
        String first = null;
        for (Map.Entry<String, Set<String>> e : joined.entrySet()) {
            String key = e.getKey();
            boolean withOwn = key.equals(ownKey);
            if (sizeWith(counts.get(key), e.getValue(), withOwn ? value : null) > limitOf.get(key).max()
                    && (first == null || key.compareTo(first) < 0)) {
                first = key;
            }
        }
        if (ownKey != null && !joined.containsKey(ownKey)
                && sizeWith(counts.get(ownKey), Set.of(), value) > limitOf.get(ownKey).max()
                && (first == null || ownKey.compareTo(first) < 0)) {
            first = ownKey;
        }
        if (first == null) {
            return Optional.empty();
        }
        Set<String> values = new TreeSet<>(counts.getOrDefault(first, Set.of()));
        values.addAll(joined.getOrDefault(first, Set.of()));
        if (first.equals(ownKey)) {
            values.add(value);
        }
        return Optional.of(describe(first, values));
    }

    /** The size of the union of {@code base} (null: empty), {@code more} and {@code one} (null: none). */
    private static int sizeWith(Set<String> base, Set<String> more, String one) {
        Set<String> known = base == null ? Set.of() : base;
        int size = known.size();
        for (String v : more) {
            if (!known.contains(v)) {
                size++;
            }
        }
        if (one != null && !known.contains(one) && !more.contains(one)) {
            size++;
        }
        return size;
    }

    private Optional<String> violation(Map<String, Set<String>> counts) {
        for (Map.Entry<String, Set<String>> e : counts.entrySet()) {
            if (e.getValue().size() > limitOf.get(e.getKey()).max()) {
                return Optional.of(describe(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    private String describe(String key, Set<String> sortedValues) {
        List<String> values = new ArrayList<>(sortedValues);
        String shown = String.join(", ", values.subList(0, Math.min(values.size(), 5)))
                + (values.size() > 5 ? ", ..." : "");
        return "linking it would put " + values.size() + " " + key + " in one profile (" + shown + "); the limit is "
                + limitOf.get(key);
    }

    /** {@code identifiers} without repeats, in their order; a short list without hashing each identifier. */
    private static List<Identifier> distinct(List<Identifier> identifiers) {
        if (identifiers.size() > 16) {
            return new ArrayList<>(new LinkedHashSet<>(identifiers));
        }
        List<Identifier> distinct = new ArrayList<>(identifiers.size());
        for (Identifier identifier : identifiers) {
            if (!distinct.contains(identifier)) {
                distinct.add(identifier);
            }
        }
        return distinct;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> counts) {
        Map<String, Set<String>> copy = new TreeMap<>();
        counts.forEach((key, values) -> copy.put(key, new TreeSet<>(values)));
        return copy;
    }
}

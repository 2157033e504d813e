package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.FragmentKey;

/**
 * Gives every group of the identity graph its profile id. Pure.
 * <ul>
 * <li>Each existing profile claims the group that holds most of its fragments (on equal counts, the group with its
 * earliest observed fragment, then the smallest key); a profile with no fragment left is removed.</li>
 * <li>A group claimed by several profiles keeps the one created first (tie: smallest id); the others are absorbed
 * and live on as aliases. A group no profile claims gets a new id: a new profile, or a part split off.</li>
 * </ul>
 */
final class ComponentAssigner {

    /** A fragment in the graph: {@code origin} is the profile it belonged to (null for a new fragment). */
    record Member(FragmentKey key, String origin, boolean inBatch, Instant observedAt) {
    }

    /** Where a group goes; {@code changed} is false for a profile that the merge left exactly as it was. */
    record Target(String profileId, boolean isNew, Instant createdAt, List<Member> members, boolean changed) {
    }

    record Plan(List<Target> targets, Map<String, String> absorbedToSurvivor, List<MergeResult.Split> splits,
            List<String> removed) {
    }

    private static final Comparator<Member> EARLIEST = Comparator.comparing(Member::observedAt)
            .thenComparing(m -> m.key().source()).thenComparing(m -> m.key().sourceRecordId());

    private ComponentAssigner() {
    }

    /**
     * @param members   every fragment of the graph: batch fragments in batch order, then stored ones
     * @param groupOf   the group (union-find root) of a fragment
     * @param involved  the existing profiles whose fragments are in the graph (or were removed from it)
     * @param createdAt creation time of the existing profiles
     * @param touched   existing profiles that changed even if their group did not (a fragment removed or replaced,
     *                  an identifier newly dropped)
     */
    static Plan assign(List<Member> members, Function<FragmentKey, ?> groupOf, Collection<String> involved,
            Map<String, Instant> createdAt, Set<String> touched, Supplier<String> newId, Instant now) {
        Map<Object, List<Member>> groups = new LinkedHashMap<>();
        members.forEach(m -> groups.computeIfAbsent(groupOf.apply(m.key()), g -> new ArrayList<>()).add(m));

        Map<String, Map<Object, List<Member>>> byProfile = new LinkedHashMap<>();
        groups.forEach((group, groupMembers) -> groupMembers.stream().filter(m -> m.origin() != null)
                .forEach(m -> byProfile.computeIfAbsent(m.origin(), p -> new LinkedHashMap<>())
                        .computeIfAbsent(group, g -> new ArrayList<>()).add(m)));

        Map<Object, List<String>> claims = new LinkedHashMap<>();
        Map<String, Set<Object>> partsOf = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String profile : new LinkedHashSet<>(involved)) {
            Map<Object, List<Member>> parts = byProfile.getOrDefault(profile, Map.of());
            if (parts.isEmpty()) {
                removed.add(profile);
                continue;
            }
            Object primary = parts.keySet().stream().min(Comparator
                    .comparingInt((Object g) -> -parts.get(g).size())
                    .thenComparing(g -> parts.get(g).stream().min(EARLIEST).orElseThrow(), EARLIEST)).orElseThrow();
            claims.computeIfAbsent(primary, g -> new ArrayList<>()).add(profile);
            partsOf.put(profile, parts.keySet());
        }

        List<Target> targets = new ArrayList<>();
        Map<Object, String> idOfGroup = new LinkedHashMap<>();
        Map<String, String> absorbed = new LinkedHashMap<>();
        for (Map.Entry<Object, List<Member>> group : groups.entrySet()) {
            List<Member> groupMembers = group.getValue();
            List<String> claimants = new ArrayList<>(claims.getOrDefault(group.getKey(), List.of()));
            Target target;
            if (claimants.isEmpty()) {
                target = new Target(newId.get(), true, now, groupMembers, true);
            } else {
                claimants.sort(Comparator.comparing((String id) -> createdAt.getOrDefault(id, Instant.MAX))
                        .thenComparing(Comparator.naturalOrder()));
                String survivor = claimants.get(0);
                Instant created = createdAt.get(survivor);
                boolean intact = claimants.size() == 1 && !touched.contains(survivor)
                        && partsOf.get(survivor).size() == 1
                        && groupMembers.stream().allMatch(m -> !m.inBatch() && survivor.equals(m.origin()));
                target = new Target(survivor, created == null, created == null ? now : created, groupMembers,
                        !intact);
                claimants.subList(1, claimants.size()).forEach(a -> absorbed.put(a, survivor));
            }
            idOfGroup.put(group.getKey(), target.profileId());
            targets.add(target);
        }

        List<MergeResult.Split> splits = new ArrayList<>();
        partsOf.forEach((profile, parts) -> {
            if (parts.size() > 1) {
                List<String> newIds = targets.stream()
                        .filter(t -> t.isNew() && parts.stream().anyMatch(p -> idOfGroup.get(p).equals(t.profileId())))
                        .map(Target::profileId).toList();
                splits.add(new MergeResult.Split(profile, newIds));
            }
        });
        return new Plan(targets, absorbed, splits, removed);
    }
}

package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.StoredHead;

/**
 * Decides which profile each fragment goes to. Union-find over fragments, identifier keys and existing profile ids:
 * every connected component becomes one profile. Pure; the store is read before and written after.
 */
final class MergePlanner {

    /** Fragments that belong together, and the existing profiles they touch. */
    record Group(List<Candidate> fragments, Set<String> existingProfiles) {
    }

    /**
     * Where a group goes: {@code profileId} is the survivor (or a new id), {@code absorbed} the other existing profiles
     * of the group, which are merged into it.
     */
    record Target(String profileId, boolean isNew, Instant createdAt, List<Candidate> fragments,
            List<String> absorbed) {
    }

    private MergePlanner() {
    }

    /**
     * @param heads  stored version of the fragments being updated; each stays with its stored profile
     * @param owners profile of each stored identifier key
     */
    static List<Group> group(List<Candidate> fragments, Map<FragmentKey, StoredHead> heads,
            Map<String, String> owners) {
        UnionFind sets = new UnionFind();
        Map<Candidate, Set<String>> profilesOf = new LinkedHashMap<>();
        for (Candidate candidate : fragments) {
            String node = "f\u0000" + candidate.key().source() + "\u0000" + candidate.key().sourceRecordId();
            sets.find(node);
            Set<String> profiles = new LinkedHashSet<>();
            for (Identifier identifier : candidate.fragment().identifiers()) {
                String idNode = "i\u0000" + identifier.key();
                sets.union(node, idNode);
                String owner = owners.get(identifier.key());
                if (owner != null) {
                    sets.union(idNode, "p\u0000" + owner);
                    profiles.add(owner);
                }
            }
            StoredHead head = heads.get(candidate.key());
            if (head != null) {
                sets.union(node, "p\u0000" + head.profileId());
                profiles.add(head.profileId());
            }
            profilesOf.put(candidate, profiles);
        }
        Map<String, Group> byRoot = new LinkedHashMap<>();
        profilesOf.forEach((candidate, profiles) -> {
            String root = sets.find("f\u0000" + candidate.key().source() + "\u0000" + candidate.key().sourceRecordId());
            Group group = byRoot.computeIfAbsent(root, r -> new Group(new ArrayList<>(), new LinkedHashSet<>()));
            group.fragments().add(candidate);
            group.existingProfiles().addAll(profiles);
        });
        return List.copyOf(byRoot.values());
    }

    /**
     * Picks the survivor of a group: the existing profile created first (tie: smallest id); without existing
     * profiles, a new one. An existing id with no profile row (a broken store) sorts last and is absorbed.
     */
    static Target target(Group group, Map<String, Instant> createdAt, Supplier<String> newId, Instant now) {
        if (group.existingProfiles().isEmpty()) {
            return new Target(newId.get(), true, now, group.fragments(), List.of());
        }
        List<String> existing = group.existingProfiles().stream()
                .sorted(Comparator.comparing((String id) -> createdAt.getOrDefault(id, Instant.MAX))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        String survivor = existing.get(0);
        Instant created = createdAt.get(survivor);
        return new Target(survivor, created == null, created == null ? now : created, group.fragments(),
                existing.subList(1, existing.size()));
    }
}

package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.BlockKeyTable;
import org.cdphub.core.internal.store.DroppedIdentifierTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.ProfileTable;

/**
 * Last step of a merge: recomputes every changed profile from all of its stored fragments and writes it, with its
 * linking identifiers and blocking keys (the difference to the stored rows is written, so that an identifier no
 * fragment links any more disappears).
 */
final class ProfileRecompute {

    /**
     * From this many changed profiles on, a merge builds them on several cores: bulk intake's calls of 500 to 1,000
     * fragments; a tracking stream's few profiles are built on the merge thread.
     */
    static final int PARALLEL_FROM = 500;

    private ProfileRecompute() {
    }

    /** The identifier keys the store holds for some profiles, by profile. */
    @FunctionalInterface
    interface StoredKeys {
        Map<String, Set<String>> of(Collection<String> profileIds) throws SQLException;
    }

    /**
     * @param targets the profiles to recompute; their fragments and dropped identifiers are already stored
     * @param stale   further profile ids whose identifier rows must go (absorbed or removed in this merge)
     * @param known   the fragments the merge has in memory, by key (null when not): a profile all of whose members are
     *                known is not read back from the store
     * @param newDrops the identifiers this merge dropped, by fragment (identifier key to reason): all that a fragment
     *                 new to the store has dropped, so that a new profile made only of new fragments (a first page
     *                 view of a visitor, a new contact) needs neither its dropped identifiers nor its aliases (it has
     *                 none) read from the store
     * @param storedKeys the identifier keys stored for the given profiles, by profile (the rows the recompute
     *                   replaces, read by the caller with the graph)
     * @return the recomputed profiles, in the order of {@code targets}
     */
    static List<Profile> run(Connection c, List<ComponentAssigner.Target> targets, Collection<String> stale,
            ResolutionRules rules, Instant now, Function<FragmentKey, Fragment> known,
            Map<FragmentKey, Map<String, String>> newDrops, StoredKeys storedKeys) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        targets.forEach(t -> ids.add(t.profileId()));
        Map<String, List<Fragment>> fragments = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (ComponentAssigner.Target target : targets) {
            List<Fragment> own = new ArrayList<>();
            for (ComponentAssigner.Member m : target.members()) {
                Fragment f = known.apply(m.key());
                if (f == null) {
                    unknown.add(target.profileId());
                    break;
                }
                own.add(f);
            }
            fragments.put(target.profileId(), own);
        }
        fragments.putAll(FragmentTable.byProfile(c, unknown));
        Set<String> stored = new LinkedHashSet<>(ids); // profiles with anything in the store to read back
        Map<FragmentKey, Map<String, String>> dropped = new HashMap<>();
        for (ComponentAssigner.Target target : targets) {
            // no origin: a batch fragment the store has never held (so known, with no drop rows but this merge's)
            if (target.isNew() && target.members().stream().allMatch(m -> m.origin() == null)) {
                stored.remove(target.profileId());
                target.members().forEach(m -> dropped.put(m.key(), newDrops.getOrDefault(m.key(), Map.of())));
            }
        }
        dropped.putAll(DroppedIdentifierTable.ofProfiles(c, stored));
        var aliases = AliasTable.aliasesOf(c, stored);

        // building a profile and writing its document and blocking keys is pure CPU per profile: a bulk batch's
        // profiles are built on several cores (the merge stage's one thread and its store round trips are the limit
        // of intake, docs/benchmarks.md); the results keep the order of the targets
        List<Recomputed> built = (targets.size() >= PARALLEL_FROM ? targets.parallelStream() : targets.stream())
                .map(target -> build(target, fragments.getOrDefault(target.profileId(), List.of()), dropped, aliases,
                        rules, now))
                .toList();
        List<ProfileTable.Doc> created = new ArrayList<>();
        List<ProfileTable.Doc> updated = new ArrayList<>();
        Map<String, List<Identifier>> identifiers = new LinkedHashMap<>();
        Map<String, Set<String>> blockKeys = new LinkedHashMap<>();
        List<Profile> all = new ArrayList<>();
        for (Recomputed b : built) {
            Profile profile = b.doc().profile();
            (b.isNew() ? created : updated).add(b.doc());
            identifiers.put(profile.profileId(), profile.identifiers());
            if (!b.blockKeys().isEmpty()) {
                blockKeys.put(profile.profileId(), b.blockKeys());
            }
            all.add(profile);
        }

        Set<String> deleteFor = new LinkedHashSet<>(ids);
        deleteFor.addAll(stale);
        Set<String> maybeStored = new LinkedHashSet<>(deleteFor);
        created.forEach(d -> maybeStored.remove(d.profile().profileId()));
        IdentifierTable.replace(c, deleteFor, storedKeys.of(maybeStored), identifiers);
        BlockKeyTable.replace(c, deleteFor, maybeStored, blockKeys);
        ProfileTable.insertDocs(c, created);
        ProfileTable.updateDocs(c, updated);
        return all;
    }

    /** A recomputed profile with its document and blocking keys, and whether it is new. */
    private record Recomputed(ProfileTable.Doc doc, Set<String> blockKeys, boolean isNew) {
    }

    private static Recomputed build(ComponentAssigner.Target target, List<Fragment> own,
            Map<FragmentKey, Map<String, String>> dropped, Map<String, List<String>> aliases, ResolutionRules rules,
            Instant now) {
        String id = target.profileId();
        Profile profile = ProfileBuilder.build(id, own,
                f -> Linkable.of(f, rules.identity().blocked(),
                        dropped.getOrDefault(new FragmentKey(f.source(), f.sourceRecordId()), Map.of())),
                rules.survivorship(), aliases.getOrDefault(id, List.of()),
                List.of(), target.createdAt(), now); // memberships live in cdp_segment_state only
        Map<String, Object> traits = new LinkedHashMap<>();
        profile.traits().forEach((k, v) -> traits.put(k, v == null ? null : v.value()));
        return new Recomputed(new ProfileTable.Doc(profile, CdpJson.write(profile)),
                ProbabilisticMatching.blockKeys(profile.identifiers(), traits), target.isNew());
    }
}

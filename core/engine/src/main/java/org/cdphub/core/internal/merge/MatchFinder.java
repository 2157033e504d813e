package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.store.BlockKeyTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.matching.api.MatchResult;
import org.cdphub.matching.api.PersonRecord;

/**
 * Finds probabilistic matches for the groups of a batch that would become new profiles (no stored fragment, no stored
 * version): against the stored profiles that share a blocking key with them (the best at or above the threshold), and
 * against the other new groups of the same batch that came before them and share a key (the best too), so that a
 * batch holding two records of one person joins them as a batch of one record each would.
 */
final class MatchFinder {

    /**
     * A new group that scored as the same person as a stored profile ({@code profileId}) or as an earlier new group of
     * the batch (represented by its fragment {@code to}).
     */
    record Match(FragmentKey from, FragmentKey to, String profileId, MatchResult result) {
    }

    /** One new group: the key of its first fragment, its person record and blocking keys. */
    private record Group(FragmentKey first, PersonRecord record, Set<String> keys) {
    }

    private final Connection c;
    private final ProbabilisticMatching matching;

    MatchFinder(Connection c, ProbabilisticMatching matching) {
        this.c = c;
        this.matching = matching;
    }

    /**
     * @param groups the groups of the graph (fragment keys per component), in batch order
     * @param newGroup whether a group consists of batch fragments only, none stored before
     * @param linkable the linking identifiers of a batch fragment
     * @param traits   the traits of a batch fragment
     */
    List<Match> find(List<List<FragmentKey>> groups, java.util.function.Predicate<List<FragmentKey>> newGroup,
            Function<FragmentKey, List<Identifier>> linkable, Function<FragmentKey, Map<String, Object>> traits)
            throws SQLException {
        List<Group> fresh = new ArrayList<>();
        Set<String> allKeys = new LinkedHashSet<>();
        for (List<FragmentKey> group : groups) {
            if (!newGroup.test(group)) {
                continue;
            }
            List<Identifier> ids = new ArrayList<>();
            Map<String, Object> merged = new LinkedHashMap<>();
            for (FragmentKey key : group) {
                ids.addAll(linkable.apply(key));
                traits.apply(key).forEach((k, v) -> {
                    if (v != null) {
                        merged.put(k, v);
                    }
                });
            }
            Set<String> keys = ProbabilisticMatching.blockKeys(ids, merged);
            if (!keys.isEmpty()) {
                FragmentKey first = group.get(0);
                fresh.add(new Group(first, ProbabilisticMatching.record(first.source() + "/" + first.sourceRecordId(),
                        ids, merged), keys));
                allKeys.addAll(keys);
            }
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>(againstStored(fresh, allKeys));
        matches.addAll(withinBatch(fresh));
        return matches;
    }

    private List<Match> againstStored(List<Group> fresh, Set<String> allKeys) throws SQLException {
        Map<String, List<String>> profilesByKey = BlockKeyTable.profilesByKey(c, allKeys,
                matching.maxCandidatesPerKey());
        Set<String> candidateIds = new LinkedHashSet<>();
        profilesByKey.values().forEach(candidateIds::addAll);
        if (candidateIds.isEmpty()) {
            return List.of();
        }
        Map<String, PersonRecord> candidates = new HashMap<>();
        ProfileTable.load(c, candidateIds).forEach((id, profile) -> {
            Map<String, Object> traits = new LinkedHashMap<>();
            profile.traits().forEach((k, v) -> traits.put(k, v == null ? null : v.value()));
            if (ProbabilisticMatching.eligible(profile.identifiers(), traits)) {
                candidates.put(id, ProbabilisticMatching.record(id, profile.identifiers(), traits));
            }
        });
        List<Match> matches = new ArrayList<>();
        for (Group group : fresh) {
            Set<String> ids = new TreeSet<>();
            group.keys().forEach(k -> ids.addAll(profilesByKey.getOrDefault(k, List.of())));
            Match best = null;
            for (String id : ids) {
                PersonRecord candidate = candidates.get(id);
                if (candidate != null) {
                    best = better(best, group.first(), null, id, matching.matcher().match(group.record(), candidate));
                }
            }
            if (best != null) {
                matches.add(best);
            }
        }
        return matches;
    }

    private List<Match> withinBatch(List<Group> fresh) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Group group = fresh.get(i);
            Set<Integer> earlier = new TreeSet<>();
            for (String key : group.keys()) {
                List<Integer> seen = byKey.computeIfAbsent(key, k -> new ArrayList<>());
                earlier.addAll(seen);
                if (seen.size() < matching.maxCandidatesPerKey()) {
                    seen.add(i);
                }
            }
            Match best = null;
            for (int j : earlier) {
                Group other = fresh.get(j);
                best = better(best, group.first(), other.first(), null,
                        matching.matcher().match(group.record(), other.record()));
            }
            if (best != null) {
                matches.add(best);
            }
        }
        return matches;
    }

    private Match better(Match best, FragmentKey from, FragmentKey to, String profileId, MatchResult result) {
        if (!result.vetoed() && result.score() >= matching.threshold()
                && (best == null || result.score() > best.result().score())) {
            return new Match(from, to, profileId, result);
        }
        return best;
    }
}

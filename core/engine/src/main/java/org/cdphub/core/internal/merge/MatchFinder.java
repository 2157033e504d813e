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
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.store.BlockKeyTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.matching.api.MatchResult;
import org.cdphub.matching.api.PersonRecord;

/**
 * Finds probabilistic matches for the groups of the graph that a batch changed: new groups (that would become new
 * profiles) and groups holding stored profiles that a batch fragment updated (so a profile that gains a birth date or
 * an address is scored again). Each is scored against the stored profiles that share a blocking key with it, other
 * than its own: the best at or above the threshold, a candidate scoring as its best record (its surviving values or,
 * when those come within {@value #NEAR_BITS} bits of the threshold, one of its first {@value #MAX_FRAGMENTS_SCORED}
 * fragments: a profile's records may each match where the mix of their values does not). An updated group, being an existing profile, joins another only when the matcher vetoes
 * none of that profile's records (two established profiles are merged with more care). New groups are also scored
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

    /** One subject: the key of its batch fragment, its person record, blocking keys and own profiles. */
    private record Group(FragmentKey first, PersonRecord record, Set<String> keys, Set<String> own) {
    }

    /** Fragments of a candidate profile scored besides its profile (its first ones, oldest first). */
    static final int MAX_FRAGMENTS_SCORED = 10;
    /**
     * A candidate's fragments are read and scored only when its profile scores at least the threshold minus this many
     * bits: reading the fragments of every candidate made the merge slow down as blocks filled up.
     */
    static final double NEAR_BITS = 10;

    private final Connection c;
    private final ProbabilisticMatching matching;

    MatchFinder(Connection c, ProbabilisticMatching matching) {
        this.c = c;
        this.matching = matching;
    }

    /**
     * A group of the graph that the batch changed, to be matched: {@code from} is one of its batch fragments,
     * {@code identifiers} and {@code traits} are what its fragments say (later fragments win a trait), {@code own} the
     * stored profiles it already holds (empty for a new group: only new groups are matched within the batch).
     */
    record Subject(FragmentKey from, List<Identifier> identifiers, Map<String, Object> traits, Set<String> own) {
    }

    /** The best match of each subject, if any (see the class comment). */
    List<Match> find(List<Subject> subjects) throws SQLException {
        List<Group> groups = new ArrayList<>();
        Set<String> allKeys = new LinkedHashSet<>();
        for (Subject subject : subjects) {
            Set<String> keys = ProbabilisticMatching.blockKeys(subject.identifiers(), subject.traits());
            if (!keys.isEmpty()) {
                FragmentKey from = subject.from();
                groups.add(new Group(from, ProbabilisticMatching.record(from.source() + "/" + from.sourceRecordId(),
                        subject.identifiers(), subject.traits()), keys, subject.own()));
                allKeys.addAll(keys);
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>(againstStored(groups, allKeys));
        matches.addAll(withinBatch(groups.stream().filter(g -> g.own().isEmpty()).toList()));
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
        Map<String, List<PersonRecord>> candidates = new HashMap<>();
        ProfileTable.load(c, candidateIds).forEach((id, profile) -> {
            Map<String, Object> traits = new LinkedHashMap<>();
            profile.traits().forEach((k, v) -> traits.put(k, v == null ? null : v.value()));
            if (ProbabilisticMatching.eligible(profile.identifiers(), traits)) {
                candidates.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(ProbabilisticMatching.record(id, profile.identifiers(), traits));
            }
        });
        Set<String> near = new LinkedHashSet<>(); // only these are worth reading the fragments of
        for (Group group : fresh) {
            for (String key : group.keys()) {
                for (String id : profilesByKey.getOrDefault(key, List.of())) {
                    List<PersonRecord> records = candidates.get(id);
                    if (records != null && !near.contains(id) && !group.own().contains(id) && matching.matcher()
                            .match(group.record(), records.get(0)).score() >= matching.threshold() - NEAR_BITS) {
                        // the score before any veto: a profile whose surviving given name differs may hold a match
                        near.add(id);
                    }
                }
            }
        }
        FragmentTable.byProfile(c, near).forEach((id, fragments) -> {
            if (fragments.size() > 1) {
                for (Fragment f : fragments.subList(0, Math.min(fragments.size(), MAX_FRAGMENTS_SCORED))) {
                    candidates.get(id).add(ProbabilisticMatching.record(id, f.identifiers(), f.traits()));
                }
            }
        });
        List<Match> matches = new ArrayList<>();
        for (Group group : fresh) {
            Set<String> ids = new TreeSet<>();
            group.keys().forEach(k -> ids.addAll(profilesByKey.getOrDefault(k, List.of())));
            ids.removeAll(group.own());
            Match best = null;
            for (String id : ids) {
                MatchResult top = null;
                for (PersonRecord candidate : candidates.getOrDefault(id, List.of())) {
                    MatchResult result = matching.matcher().match(group.record(), candidate);
                    if (result.vetoed() && !group.own().isEmpty()) {
                        top = null; // joining two existing profiles: none of its records may be another person
                        break;
                    }
                    if (top == null || result.score() > top.score()) {
                        top = result;
                    }
                }
                if (top != null) {
                    best = better(best, group.first(), null, id, top);
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

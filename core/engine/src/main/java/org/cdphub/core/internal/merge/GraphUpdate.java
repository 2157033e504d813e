package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.DroppedIdentifierTable;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.FragmentRow;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.GraphEdits;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.MatchLinkTable;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.core.internal.store.StoreLock;
import org.cdphub.core.internal.store.StoredHead;
import org.cdphub.matching.api.FieldContribution;
import org.cdphub.matching.api.Level;
import org.cdphub.core.internal.merge.MatchFinder.Match;

/**
 * One change of the identity graph inside one transaction: new and updated fragments come in, removed ones go, and
 * every profile they touch is re-computed from its fragments.
 *
 * <p>The graph is rebuilt for the touched part only: the stored fragments of every profile the batch reaches (through
 * an identifier it links or the stored version of one of its fragments) are added first, oldest first, without the
 * versions being replaced or removed; then the batch, in batch order. So a profile whose joining fragment or
 * identifier went away falls apart (split), and profiles a fragment joins within the limits merge. Dropped
 * identifiers of stored fragments stay dropped until a new version of the fragment comes in.
 *
 * <p>Probabilistic links ({@link ProbabilisticMatching}): stored ones are re-applied to the graph (as long as both
 * fragments are in it and the joined group keeps the limits); a group of the batch that would become a new profile
 * is scored against the stored profiles sharing a blocking key with it and, on a match, the graph is rebuilt with the
 * matched profile in it and the two joined, within the limits.
 *
 * <p>One instance applies one change ({@link #apply} once): what it reads is kept for that change only.
 */
final class GraphUpdate {

    static final String HELD_ELSEWHERE = "held by profile %s (the identity rules changed since this fragment was"
            + " merged)";

    private record Stored(Fragment fragment, FragmentKey key, String profileId) {
    }

    private final Connection c;
    private final ResolutionRules rules;
    private final ProbabilisticMatching matching;
    private final Supplier<String> newIds;
    private final Instant now;
    private final List<DroppedIdentifierTable.Row> newDrops = new ArrayList<>();
    private final List<UnlinkedIdentifier> unlinked = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();
    /**
     * The identifier keys each profile held when this update read them, read once per profile: only the recompute
     * writes identifier rows, as the last step, so the linking of stored fragments and the recompute's difference
     * see the same rows. A profile with no rows has an empty set.
     */
    private final Map<String, Set<String>> heldKeys = new HashMap<>();

    GraphUpdate(Connection c, ResolutionRules rules, ProbabilisticMatching matching, Supplier<String> newIds,
            Instant now) {
        this.c = c;
        this.matching = matching;
        this.rules = rules;
        this.newIds = newIds;
        this.now = now;
    }

    /**
     * @param batch   fragments to store (new source records or newer versions)
     * @param removed keys of stored fragments to delete
     * @param heads   the stored versions of the keys of {@code batch} and {@code removed}
     */
    MergeResult apply(List<Candidate> batch, Collection<FragmentKey> removed, Map<FragmentKey, StoredHead> heads,
            int unchanged, List<MergeResult.Rejected> rejected) throws SQLException {
        Set<String> linkKeys = new LinkedHashSet<>();
        batch.forEach(b -> b.linkable().forEach(i -> linkKeys.add(i.key())));
        Map<String, String> owners = IdentifierTable.owners(c, linkKeys);
        Set<FragmentKey> replaced = new LinkedHashSet<>();
        batch.forEach(b -> replaced.add(b.key()));
        replaced.addAll(removed);
        Set<String> involved = new LinkedHashSet<>();
        for (Candidate b : batch) {
            StoredHead head = heads.get(b.key());
            if (head != null) {
                involved.add(head.profileId());
            }
            for (Identifier i : b.linkable()) {
                String owner = owners.get(i.key()); // key() builds a string: once per identifier
                if (owner != null) {
                    involved.add(owner);
                }
            }
        }
        removed.forEach(key -> involved.add(heads.get(key).profileId()));
        replaced.forEach(key -> {
            if (heads.containsKey(key)) {
                touched.add(heads.get(key).profileId());
            }
        });

        Set<String> touchedBefore = new LinkedHashSet<>(touched);
        Built built = build(involved, replaced, batch, heads, List.of());
        if (matching.enabled()) {
            List<Match> matches = findMatches(built, batch, heads);
            if (!matches.isEmpty()) {
                matches.stream().filter(m -> m.profileId() != null).forEach(m -> involved.add(m.profileId()));
                newDrops.clear();
                unlinked.clear();
                touched.clear();
                touched.addAll(touchedBefore);
                built = build(involved, replaced, batch, heads, matches);
            }
        }
        IdentityGraph graph = built.graph();
        ComponentAssigner.Plan plan = ComponentAssigner.assign(built.members(), graph::component, involved,
                ProfileTable.createdAt(c, involved), touched, newIds, now);
        Set<FragmentKey> storedReplaced = new LinkedHashSet<>(replaced); // only these have rows to delete
        storedReplaced.retainAll(heads.keySet());
        return write(plan, batch, removed, storedReplaced, unchanged, rejected, built);
    }


    /**
     * The graph of one pass: its members, the probabilistic links it applied (stored ones still valid, and new
     * matches), and the {@code from} fragments of every stored link it loaded.
     */
    private record Built(IdentityGraph graph, List<ComponentAssigner.Member> members,
            List<MatchLinkTable.Row> links, Set<FragmentKey> loadedLinks, Map<FragmentKey, Fragment> stored,
            Map<FragmentKey, List<Identifier>> linkable) {
    }

    private Built build(Set<String> involved, Set<FragmentKey> replaced, List<Candidate> batch,
            Map<FragmentKey, StoredHead> heads, List<Match> matches) throws SQLException {
        IdentityGraph graph = new IdentityGraph(rules.identity(), new PersonConflict(matching.matcher()));
        List<ComponentAssigner.Member> members = new ArrayList<>();
        List<Stored> stored = stored(involved, replaced);
        Map<FragmentKey, Map<String, String>> dropped = DroppedIdentifierTable.ofProfiles(c, involved);
        Map<FragmentKey, List<Identifier>> linkable = linkableOfStored(stored, dropped, involved);
        for (Stored s : stored) {
            record(s.fragment(), s.profileId(), graph.add(s.key(), linkable.get(s.key()),
                    PersonConflict.person(s.fragment().traits())));
        }
        for (Candidate b : batch) {
            unlinked.addAll(b.unlinked());
            b.unlinked().stream().filter(u -> u.kind() == UnlinkedIdentifier.Kind.INVALID)
                    .forEach(u -> newDrops.add(new DroppedIdentifierTable.Row(b.key(), u.identifier().key(),
                            Linkable.invalidReason(u.reason()), now)));
            record(b.fragment(), null, graph.add(b.key(), b.linkable(), PersonConflict.person(b.fragment().traits())));
            StoredHead head = heads.get(b.key());
            members.add(new ComponentAssigner.Member(b.key(), head == null ? null : head.profileId(), true,
                    b.fragment().observedAt()));
        }
        stored.forEach(s -> members.add(
                new ComponentAssigner.Member(s.key(), s.profileId(), false, s.fragment().observedAt())));

        Set<FragmentKey> present = new LinkedHashSet<>();
        members.forEach(m -> present.add(m.key()));
        List<MatchLinkTable.Row> links = new ArrayList<>();
        Set<FragmentKey> loaded = new LinkedHashSet<>();
        for (MatchLinkTable.Row link : MatchLinkTable.ofProfiles(c, involved)) {
            loaded.add(link.from());
            if (present.contains(link.from()) && present.contains(link.to())
                    && graph.link(link.from(), link.to()).isEmpty()) {
                links.add(link);
            }
        }
        for (Match match : matches) {
            FragmentKey to = match.to() != null ? match.to() : stored.stream()
                    .filter(s -> s.profileId().equals(match.profileId())).map(Stored::key).findFirst().orElse(null);
            if (to != null && graph.link(match.from(), to).isEmpty()) {
                Map<String, Double> contributions = new LinkedHashMap<>();
                for (FieldContribution fc : match.result().contributions()) {
                    if (fc.level() != Level.MISSING) {
                        contributions.put(fc.field().canonicalName(), Math.round(fc.weight() * 100) / 100.0);
                    }
                }
                links.add(new MatchLinkTable.Row(match.from(), to, match.result().score(), contributions,
                        now));
            }
        }
        Map<FragmentKey, Fragment> storedByKey = new HashMap<>();
        stored.forEach(st -> storedByKey.put(st.key(), st.fragment()));
        return new Built(graph, members, links, loaded, storedByKey, linkable);
    }

    /** Probabilistic matches of the groups the batch changed (see {@link MatchFinder}). */
    private List<Match> findMatches(Built built, List<Candidate> batch, Map<FragmentKey, StoredHead> heads)
            throws SQLException {
        Map<FragmentKey, Candidate> byKey = new HashMap<>();
        batch.forEach(b -> byKey.put(b.key(), b));
        Map<FragmentKey, Set<String>> dropped = new HashMap<>(); // by this pass: no evidence for a match either
        newDrops.forEach(d -> dropped.computeIfAbsent(d.fragment(), k -> new java.util.HashSet<>()).add(d.idKey()));
        Map<Object, List<ComponentAssigner.Member>> groups = new LinkedHashMap<>();
        // stored members first, oldest first, then the batch: a later fragment wins a trait
        built.members().stream().filter(m -> !m.inBatch()).forEach(m ->
                groups.computeIfAbsent(built.graph().component(m.key()), g -> new ArrayList<>()).add(m));
        built.members().stream().filter(ComponentAssigner.Member::inBatch).forEach(m ->
                groups.computeIfAbsent(built.graph().component(m.key()), g -> new ArrayList<>()).add(m));
        List<MatchFinder.Subject> subjects = new ArrayList<>();
        for (List<ComponentAssigner.Member> group : groups.values()) {
            FragmentKey from = group.stream().filter(ComponentAssigner.Member::inBatch).map(ComponentAssigner.Member::key)
                    .findFirst().orElse(null);
            if (from == null) {
                continue; // not changed by the batch
            }
            List<Identifier> ids = new ArrayList<>();
            Map<String, Object> traits = new LinkedHashMap<>();
            Set<String> own = new LinkedHashSet<>();
            for (ComponentAssigner.Member m : group) {
                Candidate b = m.inBatch() ? byKey.get(m.key()) : null;
                Fragment f = b != null ? b.fragment() : built.stored().get(m.key());
                List<Identifier> linkable = b != null ? b.linkable() : built.linkable().get(m.key());
                linkable.stream().filter(i -> !dropped.getOrDefault(m.key(), Set.of()).contains(i.key()))
                        .forEach(ids::add);
                f.traits().forEach((k, v) -> {
                    if (v != null) {
                        traits.put(k, v);
                    }
                });
                if (m.origin() != null) {
                    own.add(m.origin());
                }
                StoredHead head = heads.get(m.key());
                if (head != null) {
                    own.add(head.profileId());
                }
            }
            subjects.add(new MatchFinder.Subject(from, ids, traits, own));
        }
        return new MatchFinder(c, matching).find(subjects);
    }

    /** Stored fragments of {@code involved} profiles except {@code replaced} ones, oldest first. */
    private List<Stored> stored(Set<String> involved, Set<FragmentKey> replaced) throws SQLException {
        List<Stored> stored = new ArrayList<>();
        FragmentTable.byProfile(c, involved).forEach((profileId, fragments) -> fragments.forEach(f -> {
            FragmentKey key = new FragmentKey(f.source(), f.sourceRecordId());
            if (!replaced.contains(key)) {
                stored.add(new Stored(f, key, profileId));
            }
        }));
        stored.sort(Comparator.comparing((Stored s) -> s.fragment().observedAt())
                .thenComparing(s -> s.key().source()).thenComparing(s -> s.key().sourceRecordId()));
        return stored;
    }

    /**
     * The identifiers each stored fragment links. An identifier its profile does not hold can only come from a change
     * of the rules (a value no longer blocked); it links when no other profile holds it, else it is dropped.
     */
    private Map<FragmentKey, List<Identifier>> linkableOfStored(List<Stored> stored,
            Map<FragmentKey, Map<String, String>> dropped, Set<String> involved) throws SQLException {
        Map<String, Set<String>> held = heldKeys(involved);
        Map<FragmentKey, List<Identifier>> linkable = new HashMap<>();
        Set<String> foreign = new LinkedHashSet<>();
        for (Stored s : stored) {
            List<Identifier> ids = Linkable.of(s.fragment(), rules.identity().blocked(),
                    dropped.getOrDefault(s.key(), Map.of()));
            linkable.put(s.key(), ids);
            ids.stream().map(Identifier::key).filter(k -> !held.getOrDefault(s.profileId(), Set.of()).contains(k))
                    .forEach(foreign::add);
        }
        if (foreign.isEmpty()) {
            return linkable;
        }
        Map<String, String> owners = IdentifierTable.owners(c, foreign);
        for (Stored s : stored) {
            List<Identifier> kept = new ArrayList<>();
            for (Identifier id : linkable.get(s.key())) {
                String owner = owners.get(id.key());
                if (owner != null && !owner.equals(s.profileId())) {
                    record(s.fragment(), s.profileId(),
                            List.of(new IdentityGraph.Drop(id, String.format(HELD_ELSEWHERE, owner))));
                } else {
                    kept.add(id);
                }
            }
            linkable.put(s.key(), kept);
        }
        return linkable;
    }

    /** The stored identifier keys of {@code profileIds}, by profile, reading only those not read before. */
    private Map<String, Set<String>> heldKeys(Collection<String> profileIds) throws SQLException {
        List<String> unread = profileIds.stream().filter(id -> !heldKeys.containsKey(id)).distinct().toList();
        if (!unread.isEmpty()) {
            Map<String, Set<String>> read = GraphEdits.identifierKeysOf(c, unread);
            unread.forEach(id -> heldKeys.put(id, read.getOrDefault(id, Set.of())));
        }
        Map<String, Set<String>> held = new HashMap<>();
        profileIds.forEach(id -> held.put(id, heldKeys.get(id)));
        return held;
    }

    private void record(Fragment f, String profileId, List<IdentityGraph.Drop> drops) {
        FragmentKey key = new FragmentKey(f.source(), f.sourceRecordId());
        for (IdentityGraph.Drop drop : drops) {
            newDrops.add(new DroppedIdentifierTable.Row(key, drop.identifier().key(), drop.reason(), now));
            unlinked.add(new UnlinkedIdentifier(f.source(), f.sourceRecordId(), drop.identifier(),
                    UnlinkedIdentifier.Kind.DROPPED, drop.reason()));
            if (profileId != null) {
                touched.add(profileId);
            }
        }
    }

    /** @param replaced the stored fragments the batch replaces or removes (new source records have nothing stored) */
    private MergeResult write(ComponentAssigner.Plan plan, List<Candidate> batch, Collection<FragmentKey> removed,
            Set<FragmentKey> replaced, int unchanged, List<MergeResult.Rejected> rejected, Built built)
            throws SQLException {
        absorb(plan.absorbedToSurvivor());
        ProfileTable.delete(c, plan.removed());
        GraphEdits.deleteAliasesOf(c, plan.removed());

        Map<FragmentKey, Candidate> byKey = new HashMap<>();
        batch.forEach(b -> byKey.put(b.key(), b));
        List<FragmentRow> rows = new ArrayList<>();
        Map<FragmentKey, String> moves = new LinkedHashMap<>();
        for (ComponentAssigner.Target target : plan.targets()) {
            for (ComponentAssigner.Member m : target.members()) {
                Candidate b = m.inBatch() ? byKey.get(m.key()) : null;
                if (b != null) {
                    rows.add(new FragmentRow(b.key(), target.profileId(), b.fragment().observedAt(), b.hash(),
                            b.json(), b.fragment().expiresAt()));
                } else if (!target.profileId().equals(m.origin())) {
                    moves.put(m.key(), target.profileId());
                }
            }
        }
        GraphEdits.deleteFragments(c, removed);
        FragmentTable.replace(c, rows, replaced);
        GraphEdits.moveFragments(c, moves);
        DroppedIdentifierTable.delete(c, replaced);
        DroppedIdentifierTable.insert(c, newDrops);
        Set<FragmentKey> relinked = new LinkedHashSet<>(built.loadedLinks());
        relinked.addAll(replaced);
        MatchLinkTable.delete(c, relinked);
        MatchLinkTable.insert(c, built.links());

        List<ComponentAssigner.Target> changed = plan.targets().stream().filter(ComponentAssigner.Target::changed)
                .toList();
        Set<String> stale = new LinkedHashSet<>(plan.absorbedToSurvivor().keySet());
        stale.addAll(plan.removed());
        Map<FragmentKey, Map<String, String>> drops = new HashMap<>();
        newDrops.forEach(d -> drops.computeIfAbsent(d.fragment(), k -> new java.util.TreeMap<>())
                .put(d.idKey(), d.reason()));
        ProfileRecompute.run(c, changed, stale, rules, now,
                key -> byKey.containsKey(key) ? byKey.get(key).fragment() : built.stored().get(key), drops,
                this::heldKeys);

        List<String> changedIds = new ArrayList<>(changed.stream().map(ComponentAssigner.Target::profileId).toList());
        changedIds.addAll(plan.removed());
        // last, so that the segment lock is held only from here to the commit
        List<MergeResult.Absorbed> absorbed = moveSegmentState(plan.absorbedToSurvivor());
        return new MergeResult(changedIds, absorbed, unchanged, rejected, plan.splits(), unlinked, plan.removed());
    }

    /** Leaves an alias for each absorbed id (and moves their aliases to the survivors) and deletes the absorbed rows. */
    private void absorb(Map<String, String> absorbedToSurvivor) throws SQLException {
        if (!absorbedToSurvivor.isEmpty()) {
            AliasTable.absorb(c, absorbedToSurvivor, now);
            ProfileTable.delete(c, absorbedToSurvivor.keySet());
        }
    }

    /**
     * Moves the segment memberships of absorbed profiles to their survivors, under the segment lock as well (see
     * {@link StoreLock}): taken as the transaction's last work, so that a merge waiting there for a segment batch
     * holds the store lock no longer than it must.
     */
    private List<MergeResult.Absorbed> moveSegmentState(Map<String, String> absorbedToSurvivor) throws SQLException {
        if (absorbedToSurvivor.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(absorbedToSurvivor.keySet());
        ids.addAll(absorbedToSurvivor.values());
        StoreLock.joinSegments(c); // segment state is the segment stage's: it must not evaluate these meanwhile
        Map<String, SegmentStateTable.State> states = SegmentStateTable.load(c, ids);
        MembershipTable.moveToSurvivors(c, absorbedToSurvivor, states, now);
        List<MergeResult.Absorbed> absorbed = new ArrayList<>();
        absorbedToSurvivor.forEach((id, survivor) -> absorbed.add(new MergeResult.Absorbed(id, survivor,
                List.copyOf(states.getOrDefault(id, SegmentStateTable.State.NONE).memberships().keySet()))));
        return absorbed;
    }
}

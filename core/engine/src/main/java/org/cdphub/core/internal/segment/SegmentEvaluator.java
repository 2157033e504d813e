package org.cdphub.core.internal.segment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.DueIndex;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.SegmentDefinitionTable;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.core.internal.store.StoreLock;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * Evaluates the defined segments (rule language of {@code core/segments}) for changed profiles and keeps
 * the profiles' segment state ({@code cdp_segment_state}: memberships, input hashes, when each is due again) and
 * {@code cdp_segment} (members, last change) current, in one transaction per call. Profiles whose conditions
 * can flip by time alone (event windows, birthdays, days since the last order) are due again at that instant, and
 * {@link #evaluateDue} re-evaluates them; when the definitions change, {@link #definitionsChanged} starts a sweep over
 * every profile that evaluates the changed ones.
 *
 * <p>Memberships of segments that are no longer defined are left alone: a configuration mistake must not make every
 * profile leave a segment.
 */
public final class SegmentEvaluator implements SegmentEvaluation {

    public static final String EVALUATED = "evaluated";
    /**
     * Pages of profiles due by time that {@link #evaluateDue} goes through without a change before it returns empty
     * anyway: a bound on one call, should due times fail to move on (a sweep's pages always do).
     */
    static final int MAX_UNCHANGED_PAGES = 1_000;
    private static final Logger LOG = Logger.getLogger(SegmentEvaluator.class.getName());
    /** Batches of at least this many profiles are evaluated on all cores. */
    static final int PARALLEL_FROM = 64;
    public static final String MERGED_INTO = "merged-into:";
    /** Reason of the exits of a profile that was removed (its last fragment was removed). */
    public static final String REMOVED = "removed";

    private final DataSource dataSource;
    private final Supplier<List<SegmentDefinition>> definitions;
    private final Evaluator evaluator;
    private final Clock clock;
    private final FullEvaluation full;
    private volatile EvaluationPlan lastPlan;
    /** False until the index of due times is known to be there (H2 sets it aside during a sweep). */
    private volatile boolean dueIndexReady;

    /** With fixed definitions, evaluated in the UTC time zone for people without a {@code timeZone} trait. */
    public SegmentEvaluator(DataSource dataSource, List<SegmentDefinition> definitions, Clock clock) {
        this(dataSource, () -> definitions, Evaluator.create(java.time.ZoneOffset.UTC), clock);
    }

    /** @param definitions the current definitions, in dependency order (re-read on every call: hot reload) */
    public SegmentEvaluator(DataSource dataSource, Supplier<List<SegmentDefinition>> definitions, Evaluator evaluator,
            Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.full = new FullEvaluation(dataSource, evaluator);
    }

    /**
     * Exits of absorbed profiles come first, one per former segment, with reason {@code merged-into:<survivorId>} and
     * the survivor's identifiers and consents (the absorbed profile no longer exists; its identifiers are now the
     * survivor's). Then, per profile in the given order (ids of absorbed profiles are followed to their survivor), the
     * entries and exits in definition order, with reason {@code evaluated}. Ids of profiles that no longer exist
     * (removed with their last fragment) leave every segment they were in, with reason {@code removed} and no
     * identifiers or consents.
     */
    @Override
    public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
        Collection<String> ids = profileIds == null ? List.of() : profileIds;
        List<MergeResult.Absorbed> merged = absorbed == null ? List.of() : absorbed;
        if (ids.isEmpty() && merged.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = wanted(ids, merged);
        if (wanted.isEmpty()) {
            return StoreLock.writeSegments(dataSource, c -> evaluate(c, ids, merged, true, Map.of(), false, now(),
                    plan(definitions.get())));
        }
        if (wanted.size() > Jdbc.MAX_PARAMS) { // bulk intake: read under the lock as a set, evaluated on all cores
            return StoreLock.writeSegments(dataSource, c -> evaluate(c, ids, merged, true,
                    SegmentStateTable.withDocs(c, wanted), false, now(), plan(definitions.get())));
        }
        // a lone change is bound by its round trips to the server: on PostgreSQL the documents and states are read
        // with the lock, and the writes go with the commit (two round trips in all)
        return StoreLock.writeSegments(dataSource, SegmentStateTable.withDocsFirst(wanted),
                (c, stored) -> evaluate(c, ids, merged, true, stored, true, now(), plan(definitions.get())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The ids of the profiles to read: the given ones and the survivors of {@code absorbed}. */
    private static Set<String> wanted(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
        Set<String> wanted = new LinkedHashSet<>();
        profileIds.stream().filter(Objects::nonNull).forEach(wanted::add);
        absorbed.forEach(a -> wanted.add(a.survivorId()));
        return wanted;
    }

    /**
     * @param onlyChanged evaluate only the definitions that read a field that changed since the profile was last
     *                    evaluated ({@link InputFingerprints}), and those that depend on them; false: every definition
     * @param read        the documents and segment states of {@link #wanted} that are stored profiles
     * @param last        these are the last writes of the transaction (see {@link MembershipTable#applyLast})
     * @param now         the instant the profiles are evaluated as of
     */
    private List<MembershipChange> evaluate(Connection c, Collection<String> profileIds,
            List<MergeResult.Absorbed> absorbed, boolean onlyChanged, Map<String, SegmentStateTable.StoredProfile> read,
            boolean last, Instant now, EvaluationPlan plan) throws SQLException {
        Set<String> wanted = wanted(profileIds, absorbed);
        Map<String, SegmentStateTable.StoredProfile> stored = new java.util.HashMap<>(read);
        Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(stored.keySet());
        Map<String, String> aliases = missing.isEmpty() ? Map.of() : AliasTable.resolve(c, missing);
        if (!aliases.isEmpty()) {
            stored.putAll(SegmentStateTable.withDocs(c, new LinkedHashSet<>(aliases.values())));
        }
        Map<String, String> docs = new java.util.HashMap<>();
        Map<String, SegmentStateTable.State> states = new java.util.HashMap<>();
        stored.forEach((id, profile) -> {
            docs.put(id, profile.doc());
            states.put(id, profile.state());
        });
        // only what the definitions read, with the streaming reader (the full parse was a fifth of a lone change)
        Map<String, ProfileInputReader.Read> profiles = new java.util.concurrent.ConcurrentHashMap<>();
        (docs.size() >= PARALLEL_FROM ? docs.entrySet().parallelStream() : docs.entrySet().stream())
                .forEach(e -> profiles.put(e.getKey(), plan.reader().read(e.getValue())));

        Set<String> toEvaluate = new LinkedHashSet<>();
        Set<String> gone = new LinkedHashSet<>();
        Set<String> dropped = new LinkedHashSet<>(); // ids that are no profile of their own: no segment state
        absorbed.forEach(a -> dropped.add(a.profileId()));
        for (String id : profileIds) {
            String live = profiles.containsKey(id) ? id : aliases.get(id);
            if (live != null && profiles.containsKey(live)) {
                toEvaluate.add(live);
                if (!live.equals(id)) {
                    dropped.add(id);
                }
            } else if (id != null && live == null) {
                gone.add(id);
            } else if (id != null) { // an alias whose profile is gone too: nothing to evaluate, nothing to keep
                dropped.add(id);
            }
        }
        Set<String> stateIds = union(gone, dropped); // no profile of their own: their states are read apart
        stateIds.removeAll(states.keySet());
        if (!stateIds.isEmpty()) {
            states.putAll(SegmentStateTable.load(c, stateIds));
        }

        List<MembershipChange> changes = new ArrayList<>();
        Set<String> touchedSegments = new TreeSet<>();
        for (MergeResult.Absorbed a : absorbed) {
            ProfileInputReader.Read survivor = profiles.get(aliases.getOrDefault(a.survivorId(), a.survivorId()));
            for (String segment : a.segments()) {
                changes.add(change(a.profileId(), segment, Kind.EXITED, now, MERGED_INTO + a.survivorId(), survivor));
                touchedSegments.add(segment);
            }
        }
        List<SegmentStateTable.RowChange> rows = new ArrayList<>();
        for (String id : gone) {
            SegmentStateTable.State state = states.getOrDefault(id, SegmentStateTable.State.NONE);
            for (String segment : state.memberships().keySet()) {
                changes.add(change(id, segment, Kind.EXITED, now, REMOVED, null));
                touchedSegments.add(segment);
            }
        }
        dropped.removeAll(toEvaluate);
        for (String id : union(gone, dropped)) {
            addIfChanged(rows, SegmentStateTable.change(id, states.get(id), Map.of(), null, null));
        }
        // a survivor of a merge holds the memberships of the profiles it absorbed: every definition, whatever changed
        Set<String> survivors = new HashSet<>();
        absorbed.forEach(a -> survivors.add(aliases.getOrDefault(a.survivorId(), a.survivorId())));
        // pure CPU work: spread over the cores for large batches (the schedule's), in order for small ones
        Map<String, Evaluated> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        (toEvaluate.size() >= PARALLEL_FROM ? toEvaluate.parallelStream() : toEvaluate.stream()).forEach(id -> {
            SegmentStateTable.State state = states.getOrDefault(id, SegmentStateTable.State.NONE);
            outcomes.put(id, Evaluated.of(profiles.get(id), state, plan, evaluator, now, onlyChanged,
                    survivors.contains(id)));
        });
        for (String id : toEvaluate) {
            ProfileInputReader.Read profile = profiles.get(id);
            SegmentStateTable.State state = states.getOrDefault(id, SegmentStateTable.State.NONE);
            Evaluated evaluated = outcomes.get(id);
            ProfileSegments.Outcome outcome = evaluated.outcome();
            for (ProfileSegments.Change change : outcome.changes()) {
                String segment = change.segment();
                changes.add(change(id, segment, change.entered() ? Kind.ENTERED : Kind.EXITED, now, EVALUATED,
                        profile));
                touchedSegments.add(segment);
            }
            Instant due = outcome.flipsComputed() ? outcome.due(state.due(), evaluated.partial()) : state.due();
            addIfChanged(rows, SegmentStateTable.change(id, state, outcome.memberships(), evaluated.inputs(), due));
        }
        if (last) {
            MembershipTable.applyLast(c, rows, touchedSegments, now);
        } else {
            MembershipTable.apply(c, rows, touchedSegments, now);
        }
        return changes;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static void addIfChanged(List<SegmentStateTable.RowChange> rows, SegmentStateTable.RowChange row) {
        if (row != null) {
            rows.add(row);
        }
    }

    /**
     * Re-evaluates up to {@code max} profiles that are due, in one transaction. While a full evaluation runs (the
     * definitions changed, see {@link FullEvaluation}) those are the next {@code max} profiles in id order; the
     * profiles that are due by time wait until the full evaluation is done. Otherwise the profiles whose
     * time-dependent conditions may have flipped, earliest first. Either way a page without any change is followed by
     * the next one (each in a transaction of its own), so that an empty result means that nothing is due any more (up
     * to {@value #MAX_UNCHANGED_PAGES} pages of profiles due by time).
     */
    @Override
    public List<MembershipChange> evaluateDue(int max) {
        boolean[] sweeping = {false};
        for (int unchanged = 0;; unchanged += sweeping[0] ? 0 : 1) { // a sweep's pages always move on
            FullEvaluation.Page page = StoreLock.writeSegments(dataSource, c -> {
                Optional<String> after = FullEvaluation.position(c);
                sweeping[0] = after.isPresent();
                if (after.isPresent()) {
                    dueIndexReady = false; // set aside on H2 until the sweep ends (see DueIndex)
                    return full.next(c, after.get(), max, definitions.get(),
                            clock.instant().truncatedTo(ChronoUnit.MICROS));
                }
                if (!dueIndexReady) { // left aside by a sweep cut short, or its build failed: before it is read
                    DueIndex.restore(c); // first in the transaction (H2 commits before it); a failure loses nothing
                    dueIndexReady = true;
                }
                List<String> due = SegmentStateTable.due(c, clock.instant(), max);
                if (due.isEmpty()) {
                    return new FullEvaluation.Page(List.of(), 0, true);
                }
                // a full batch may have more due behind it: unless it changed something, go on to the next one
                return new FullEvaluation.Page(evaluate(c, due, List.of(), false,
                        SegmentStateTable.withDocs(c, due), false, now(), plan(definitions.get())),
                        due.size(), due.size() < max);
            });
            if (page.finished() && !dueIndexReady) {
                restoreDueIndex(); // the sweep ended: before its changes are handed over, which a failure must not lose
            }
            if (!page.changes().isEmpty() || page.finished() || unchanged >= MAX_UNCHANGED_PAGES) {
                return page.changes();
            }
        }
    }

    /**
     * Builds the index of due times (H2, see {@link DueIndex}) once a sweep has ended, in a transaction of its own, so
     * that a failure cannot lose the changes of the sweep's last page: it is logged, and the next round that reads due
     * times builds it first.
     */
    private void restoreDueIndex() {
        try {
            dueIndexReady = StoreLock.writeSegments(dataSource, c -> {
                if (FullEvaluation.position(c).isPresent()) {
                    return false; // the sweep builds it at its end
                }
                DueIndex.restore(c);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "segment schedule: could not build the index of due times, trying again on the "
                    + "next round: " + e.getMessage(), e);
        }
    }

    /** Whether a full evaluation (after a definition change) is still under way. */
    @Override
    public boolean fullEvaluationPending() {
        return Jdbc.read(dataSource, c -> FullEvaluation.position(c).isPresent());
    }

    /**
     * Whether a definition is the one its segment was last evaluated with, by the hashes the store holds now (read
     * once, here): which of two files defining one name was active before a restart.
     */
    public Predicate<SegmentDefinition> lastEvaluated() {
        Map<String, String> stored = Jdbc.read(dataSource, SegmentDefinitionTable::hashes);
        return definition -> DefinitionHash.of(definition).equals(stored.get(definition.name()));
    }

    /**
     * Compares the current definitions with the ones the store last evaluated (by hash); when a segment was added or
     * changed, starts a sweep over every profile that evaluates the new and changed definitions and those that refer to
     * them: {@link #evaluateDue} goes through the profiles in id order. A change while a sweep runs restarts it with
     * the definitions of both. Safe to call from several nodes: the first one does it.
     *
     * @return the number of profiles made due (0 when nothing changed)
     */
    public int definitionsChanged() {
        Map<String, String> hashes = new TreeMap<>();
        definitions.get().forEach(d -> hashes.put(d.name(), DefinitionHash.of(d)));
        return StoreLock.writeSegments(dataSource, c -> {
            Map<String, String> stored = SegmentDefinitionTable.hashes(c);
            Set<String> changed = new TreeSet<>();
            hashes.forEach((name, hash) -> {
                if (!hash.equals(stored.get(name))) {
                    changed.add(name);
                }
            });
            if (changed.isEmpty() && stored.keySet().equals(hashes.keySet())) {
                return 0;
            }
            Set<String> swept = new TreeSet<>(changed);
            if (FullEvaluation.position(c).isPresent()) { // what the running sweep still owes (none marked: all)
                Set<String> owed = SegmentDefinitionTable.swept(c);
                swept.addAll(owed.isEmpty() ? hashes.keySet() : owed);
            }
            swept.retainAll(hashes.keySet());
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            SegmentDefinitionTable.replace(c, hashes, swept, now);
            if (changed.isEmpty()) {
                return 0;
            }
            FullEvaluation.start(c);
            return (int) Math.min(Integer.MAX_VALUE, ProfileTable.count(c));
        });
    }

    /**
     * The evaluation plan of a list of definitions: the last one is kept, since the definitions change rarely and
     * working it out (fields, time dependence, a reader) costs as much as evaluating a profile.
     */
    private EvaluationPlan plan(List<SegmentDefinition> current) {
        EvaluationPlan last = this.lastPlan;
        if (last != null && (last.definitions() == current || last.definitions().equals(current))) {
            return last;
        }
        EvaluationPlan plan = EvaluationPlan.of(current);
        this.lastPlan = plan;
        return plan;
    }

    private static MembershipChange change(String profileId, String segment, Kind kind, Instant at, String reason,
            ProfileInputReader.Read addressee) {
        return new MembershipChange(profileId, segment, kind, at, reason,
                addressee == null ? List.of() : addressee.identifiers(),
                addressee == null ? List.of() : addressee.consents());
    }

    @Override
    public List<SegmentInfo> segments() {
        return Jdbc.read(dataSource, c -> {
            Map<String, Long> counts = MembershipTable.counts(c);
            Map<String, Instant> lastChanges = MembershipTable.lastChanges(c);
            return definitions.get().stream()
                    .map(d -> new SegmentInfo(d.name(), d.description(), d.source(),
                            counts.getOrDefault(d.name(), 0L), lastChanges.get(d.name())))
                    .toList();
        });
    }
}

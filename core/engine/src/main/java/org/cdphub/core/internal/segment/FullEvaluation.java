package org.cdphub.core.internal.segment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.core.internal.store.DueIndex;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.SegmentDefinitionTable;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.core.internal.store.SettingTable;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.Fields;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * The evaluation of every profile after definitions changed, for the changed ones and those that refer to them
 * (marked in {@code cdp_segment_definition}): a sweep over {@code cdp_profile} in id order, one
 * keyset page per transaction (the caller's, under the segment lock). Its position is kept in {@code cdp_setting}
 * ({@value #SETTING}), so that any node continues it, a restart resumes it, and other segment work takes its turn
 * between pages (merges run meanwhile, see {@code StoreLock}).
 *
 * <p>Per page, set-based, in chunks of {@value #CHUNK} profiles: a {@link SweepReader} reads each chunk's documents,
 * and stored segment state (one query each) on a connection of its own while the chunks before it are
 * evaluated on all cores (documents read with {@link ProfileInputReader}: only what the definitions need) and this
 * thread writes, as JDBC batches, the segment state rows that changed; then the position moves on. Memory: one
 * page. On H2 the index of due times is set aside from the first page ({@link DueIndex}); the evaluator builds it
 * again once the last page is stored.
 */
final class FullEvaluation {

    static final String SETTING = "segments.full-evaluation";
    private static final String AFTER = "after:";
    private static final String DONE = "done";
    /** Profiles per unit of parallel work: small enough to keep both cores busy while the page is written. */
    static final int CHUNK = 250;

    private final DataSource dataSource;
    private final Evaluator evaluator;

    /** @param dataSource where the sweep's reader takes a connection of its own (see {@link SweepReader}) */
    FullEvaluation(DataSource dataSource, Evaluator evaluator) {
        this.dataSource = dataSource;
        this.evaluator = evaluator;
    }

    /** Starts (or restarts) the sweep from the first profile. */
    static void start(Connection c) throws SQLException {
        SettingTable.put(c, SETTING, AFTER);
    }

    /** The id after which the running sweep goes on (empty text: from the start); empty when none runs. */
    static Optional<String> position(Connection c) throws SQLException {
        return SettingTable.get(c, SETTING).filter(v -> v.startsWith(AFTER)).map(v -> v.substring(AFTER.length()));
    }

    /** The result of one page. */
    record Page(List<MembershipChange> changes, int evaluated, boolean finished) {
    }

    /**
     * Evaluates the next {@code max} profiles after {@code afterId}, stores the outcome and moves the position. Only
     * the definitions marked for the sweep and those that refer to them are evaluated (all when none is marked).
     */
    Page next(Connection c, String afterId, int max, List<SegmentDefinition> definitions, Instant now)
            throws SQLException {
        int size = Math.max(1, max);
        if (afterId.isEmpty()) { // the first page: set the due index aside until the end (see DueIndex)
            DueIndex.setAside(c);
        }
        SweepReader page = SweepReader.start(dataSource, afterId, size, CHUNK);
        List<SegmentDefinition> swept = swept(definitions, SegmentDefinitionTable.swept(c));
        boolean all = swept.size() == definitions.size();
        ProfileInputReader reader = ProfileInputReader.forDefinitions(swept);
        ProfileSegments.Plan plan = ProfileSegments.Plan.of(swept);
        List<MembershipChange> changes = new ArrayList<>();
        Set<String> touched = new TreeSet<>();
        Map<String, Long> counts = new HashMap<>();
        String[] lastId = {null};
        int[] count = {0};
        List<Integer> chunks = IntStream.range(0, page.size()).boxed().toList();
        try {
            // parsing and evaluating is pure CPU work, the bulk of a page: the other cores go on with the next chunks
            // (as the reader delivers them) while this thread writes the outcome of the previous one
            InOrderWork.run(chunks, k -> {
                SweepReader.Chunk chunk = page.get(k);
                return chunk.docs().stream().map(doc -> {
                    ProfileInputReader.Read read = reader.read(doc.doc());
                    SegmentStateTable.State state = chunk.states().getOrDefault(doc.profileId(),
                            SegmentStateTable.State.NONE);
                    return evaluated(doc.profileId(), read, state, all,
                            ProfileSegments.evaluate(read.input(), state.memberships(), plan, evaluator, now), now);
                }).toList();
            }, evaluated -> {
                if (!evaluated.isEmpty()) {
                    count[0] += evaluated.size();
                    lastId[0] = evaluated.get(evaluated.size() - 1).profileId();
                    write(c, evaluated, changes, touched, counts);
                }
            });
        } finally {
            page.close();
        }
        if (!touched.isEmpty()) {
            MembershipTable.record(c, counts, touched, now); // once per page: a row update per segment
        }
        boolean finished = count[0] < size;
        if (finished) {
            done(c);
        } else {
            SettingTable.put(c, SETTING, AFTER + lastId[0]);
        }
        return new Page(changes, count[0], finished);
    }

    private static void done(Connection c) throws SQLException {
        SettingTable.put(c, SETTING, DONE);
        SegmentDefinitionTable.sweepDone(c);
    }

    /**
     * The definitions a sweep evaluates, in the given (dependency) order: those named in {@code marked} and those
     * that refer to one of them, directly or through others; every definition when none is marked (a sweep started
     * before the marks existed).
     */
    static List<SegmentDefinition> swept(List<SegmentDefinition> definitions, Set<String> marked) {
        if (marked.isEmpty()) {
            return definitions;
        }
        Set<String> fields = new HashSet<>();
        List<SegmentDefinition> out = new ArrayList<>();
        for (SegmentDefinition d : definitions) {
            if (marked.contains(d.name()) || Fields.of(d.condition()).stream().anyMatch(fields::contains)) {
                out.add(d);
                fields.add(Fields.segment(d.name()));
            }
        }
        return out;
    }

    /**
     * What storing the outcome of one profile takes, worked out by the thread that evaluated it, so that the writing
     * thread only writes: the membership changes to announce and the row change (memberships, and the due time, see
     * {@link ProfileSegments.Outcome#due}; {@code all}: every definition was evaluated). The stored input hashes stay:
     * they describe the profile, not the definitions.
     */
    private static Evaluated evaluated(String profileId, ProfileInputReader.Read read, SegmentStateTable.State stored,
            boolean all, ProfileSegments.Outcome outcome, Instant now) {
        List<MembershipChange> changes = new ArrayList<>(outcome.changes().size());
        for (ProfileSegments.Change change : outcome.changes()) {
            changes.add(new MembershipChange(profileId, change.segment(), change.entered() ? Kind.ENTERED : Kind.EXITED,
                    now, SegmentEvaluator.EVALUATED, read.identifiers(), read.consents()));
        }
        Map<String, Instant> memberships = changes.isEmpty() ? stored.memberships() : outcome.memberships();
        Instant due = outcome.due(stored.due(), !all);
        return new Evaluated(profileId, changes,
                SegmentStateTable.change(profileId, stored, memberships, stored.inputs(), due));
    }

    /** Stores the outcome of a chunk of profiles: the rows that changed, as JDBC batches. */
    private static void write(Connection c, List<Evaluated> chunk, List<MembershipChange> changes,
            Set<String> touched, Map<String, Long> counts) throws SQLException {
        List<SegmentStateTable.RowChange> rows = new ArrayList<>();
        for (Evaluated e : chunk) {
            changes.addAll(e.changes());
            e.changes().forEach(change -> touched.add(change.segment()));
            if (e.row() != null) {
                rows.add(e.row());
            }
        }
        SegmentStateTable.apply(c, rows, counts);
    }

    private record Evaluated(String profileId, List<MembershipChange> changes, SegmentStateTable.RowChange row) {
    }
}

package org.cdphub.core.internal.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.segments.api.Evaluator;

/**
 * A profile of a large batch read and evaluated before the segment lock ({@code SegmentEvaluator}): its outcome stands
 * under the lock when the document and state read there are these and nothing it evaluated can have flipped by then.
 */
record EarlyOutcome(String doc, SegmentStateTable.State state, ProfileInputReader.Read input, Evaluated evaluated) {

    /**
     * Evaluates the profiles {@code read} before the lock, on all cores, as of {@code now}, but for the survivors of
     * merges (which are evaluated under the lock with every definition).
     */
    static Map<String, EarlyOutcome> of(Map<String, SegmentStateTable.EarlyProfile> read, Set<String> survivors,
            EvaluationPlan plan, Evaluator evaluator, Instant now) {
        Map<String, EarlyOutcome> early = new ConcurrentHashMap<>();
        read.entrySet().parallelStream().filter(e -> !survivors.contains(e.getKey())).forEach(e -> {
            SegmentStateTable.EarlyProfile profile = e.getValue();
            ProfileInputReader.Read input = plan.reader().read(profile.doc().doc());
            early.put(e.getKey(), new EarlyOutcome(profile.doc().doc(), profile.state(), input,
                    Evaluated.of(input, profile.state(), plan, evaluator, now, true, false)));
        });
        return early;
    }

    /**
     * The early outcome as of {@code now}, the segments it enters entered then; null when it may differ from an
     * evaluation of {@code current} and {@code currentState} then.
     */
    Evaluated asOf(Instant now, ProfileInputReader.Read current, SegmentStateTable.State currentState) {
        ProfileSegments.Outcome outcome = evaluated.outcome();
        if (input != current || !state.equals(currentState)
                || outcome.nextFlip().isPresent() && !outcome.nextFlip().get().isAfter(now)) {
            return null;
        }
        if (outcome.changes().stream().noneMatch(ProfileSegments.Change::entered)) {
            return evaluated;
        }
        Map<String, Instant> memberships = new TreeMap<>(outcome.memberships());
        outcome.changes().stream().filter(ProfileSegments.Change::entered)
                .forEach(change -> memberships.put(change.segment(), now));
        return new Evaluated(evaluated.inputs(), evaluated.partial(), new ProfileSegments.Outcome(memberships,
                outcome.changes(), outcome.nextFlip(), outcome.flipsComputed()));
    }
}

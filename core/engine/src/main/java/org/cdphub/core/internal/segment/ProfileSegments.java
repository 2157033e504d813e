package org.cdphub.core.internal.segment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cdphub.api.model.Profile;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.Fields;
import org.cdphub.core.internal.store.StoreTimes;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * The segments of one profile at one instant: which it enters and leaves, and when it must be looked at again without
 * new data. Pure. Definitions come in dependency order (a segment after the segments its condition refers to), and
 * each one sees the memberships decided before it, so "member of segment X" conditions read the current state.
 */
final class ProfileSegments {

    /**
     * The outcome for one profile. {@code flipsComputed}: whether {@code nextFlip} was computed (over every
     * time-dependent definition of the plan); when not (no time-dependent definition was evaluated), the stored due
     * time stays as it is.
     */
    record Outcome(Map<String, Instant> memberships, List<Change> changes, Optional<Instant> nextFlip,
            boolean flipsComputed) {

        /**
         * The due time to store instead of {@code stored}: the next flip (to microseconds, as stored); when only some
         * definitions were evaluated ({@code partial}), the stored one if it is earlier, since a definition that was
         * not evaluated may flip first (or be overdue already), and a due time of a former version of a definition at
         * worst makes an evaluation early. A flip the store cannot hold ({@link StoreTimes}) counts as none: it
         * comes from a trait with an absurd date (epoch nanoseconds read as milliseconds, a year of six digits), and
         * PostgreSQL would refuse to store it, failing the whole batch.
         */
        Instant due(Instant stored, boolean partial) {
            Instant flip = nextFlip.filter(StoreTimes::holds).map(at -> at.truncatedTo(ChronoUnit.MICROS))
                    .orElse(null);
            return partial && stored != null && (flip == null || stored.isBefore(flip)) ? stored : flip;
        }
    }

    /** A segment the profile entered ({@code entered}) or left, in definition order. */
    record Change(String segment, boolean entered) {
    }

    /**
     * The definitions of one evaluation run, with which of them can flip by time alone (an event window, a birthday,
     * days since): only those are asked for their next flip; for the others it is always empty.
     */
    record Plan(List<SegmentDefinition> definitions, BitSet timed, List<Set<String>> fields, BitSet readsSegments) {

        static Plan of(List<SegmentDefinition> definitions) {
            BitSet timed = new BitSet(definitions.size());
            BitSet readsSegments = new BitSet(definitions.size());
            List<Set<String>> fields = new ArrayList<>();
            String segments = Fields.segment("");
            for (int i = 0; i < definitions.size(); i++) {
                timed.set(i, timeDependent(definitions.get(i).condition()));
                Set<String> read = Fields.of(definitions.get(i).condition());
                fields.add(read);
                readsSegments.set(i, read.stream().anyMatch(f -> f.startsWith(segments)));
            }
            return new Plan(List.copyOf(definitions), timed, List.copyOf(fields), readsSegments);
        }

        private static boolean timeDependent(Condition condition) {
            if (condition instanceof Condition.All all) {
                return all.conditions().stream().anyMatch(Plan::timeDependent);
            }
            if (condition instanceof Condition.Any any) {
                return any.conditions().stream().anyMatch(Plan::timeDependent);
            }
            if (condition instanceof Condition.Not not) {
                return timeDependent(not.condition());
            }
            return condition instanceof Condition.DaysSince || condition instanceof Condition.EventCount
                    || condition instanceof Condition.NotFollowedBy || condition instanceof Condition.Birthday;
        }
    }

    private ProfileSegments() {
    }

    /**
     * @param current the profile's stored memberships (segment to since); memberships of segments that are not
     *                defined any more are kept as they are
     */
    static Outcome evaluate(Profile profile, Map<String, Instant> current, List<SegmentDefinition> definitions,
            Evaluator evaluator, Instant now) {
        return evaluate(EvaluationInput.fromProfile(profile), current, Plan.of(definitions), evaluator, now);
    }

    /** The same from the profile's evaluation input (its segments are replaced by {@code current}). */
    static Outcome evaluate(EvaluationInput profileInput, Map<String, Instant> current, Plan plan,
            Evaluator evaluator, Instant now) {
        return evaluate(profileInput, current, plan, evaluator, now, null);
    }

    /**
     * The same for the definitions that read one of {@code changedFields} ({@link Fields}; null: every definition),
     * and those that read the membership of a segment this evaluation enters or leaves. The next flip is computed when
     * a time-dependent definition was evaluated.
     */
    static Outcome evaluate(EvaluationInput profileInput, Map<String, Instant> current, Plan plan,
            Evaluator evaluator, Instant now, Set<String> changedFields) {
        Map<String, Instant> memberships = new TreeMap<>(current);
        List<Change> changes = new ArrayList<>();
        EvaluationInput input = profileInput.withSegments(memberships.keySet());
        Set<String> changed = changedFields == null ? null : new HashSet<>(changedFields);
        boolean timedEvaluated = false;
        boolean stale = false;
        BitSet evaluated = new BitSet(plan.definitions().size());
        List<SegmentDefinition> definitions = plan.definitions();
        for (int i = 0; i < definitions.size(); i++) {
            if (changed != null && plan.fields().get(i).stream().noneMatch(changed::contains)) {
                continue;
            }
            SegmentDefinition definition = definitions.get(i);
            timedEvaluated |= plan.timed().get(i);
            evaluated.set(i);
            if (stale && plan.readsSegments().get(i)) { // memberships changed since the input was made
                input = input.withSegments(memberships.keySet());
                stale = false;
            }
            boolean member = evaluator.evaluate(definition, input, now);
            boolean was = memberships.containsKey(definition.name());
            if (member != was) {
                if (member) {
                    memberships.put(definition.name(), now);
                } else {
                    memberships.remove(definition.name());
                }
                changes.add(new Change(definition.name(), member));
                stale = true;
                if (changed != null) {
                    changed.add(Fields.segment(definition.name()));
                }
            }
        }
        if (changed != null && !timedEvaluated) {
            return new Outcome(memberships, changes, Optional.empty(), false);
        }
        // every time-dependent definition, with the final memberships (a definition only reads segments before it)
        if (stale) {
            input = input.withSegments(memberships.keySet());
        }
        Instant next = null;
        for (int i = plan.timed().nextSetBit(0); i >= 0; i = plan.timed().nextSetBit(i + 1)) {
            SegmentDefinition definition = definitions.get(i);
            // an evaluated definition's result is its membership now (it reads no segment decided after it)
            Optional<Instant> flip = evaluated.get(i)
                    ? evaluator.nextFlip(definition.condition(), input, now, memberships.containsKey(definition.name()))
                    : evaluator.nextFlip(definition.condition(), input, now);
            if (flip.isPresent() && (next == null || flip.get().isBefore(next))) {
                next = flip.get();
            }
        }
        return new Outcome(memberships, changes, Optional.ofNullable(next), true);
    }
}

package org.cdphub.core.internal.segment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cdphub.api.model.Profile;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * The segments of one profile at one instant: which it enters and leaves, and when it must be looked at again without
 * new data. Pure. Definitions come in dependency order (a segment after the segments its condition refers to), and
 * each one sees the memberships decided before it, so "member of segment X" conditions read the current state.
 */
final class ProfileSegments {

    /** The outcome for one profile. */
    record Outcome(Map<String, Instant> memberships, List<Change> changes, Optional<Instant> nextFlip) {
    }

    /** A segment the profile entered ({@code entered}) or left, in definition order. */
    record Change(String segment, boolean entered) {
    }

    private ProfileSegments() {
    }

    /**
     * @param current the profile's stored memberships (segment to since); memberships of segments that are not
     *                defined any more are kept as they are
     */
    static Outcome evaluate(Profile profile, Map<String, Instant> current, List<SegmentDefinition> definitions,
            Evaluator evaluator, Instant now) {
        return evaluate(EvaluationInput.fromProfile(profile), current, definitions, evaluator, now);
    }

    /** The same from the profile's evaluation input (its segments are replaced by {@code current}). */
    static Outcome evaluate(EvaluationInput profileInput, Map<String, Instant> current,
            List<SegmentDefinition> definitions, Evaluator evaluator, Instant now) {
        Map<String, Instant> memberships = new TreeMap<>(current);
        List<Change> changes = new ArrayList<>();
        EvaluationInput input = profileInput.withSegments(memberships.keySet());
        Instant next = null;
        for (SegmentDefinition definition : definitions) {
            boolean member = evaluator.evaluate(definition, input, now);
            boolean was = memberships.containsKey(definition.name());
            if (member != was) {
                if (member) {
                    memberships.put(definition.name(), now);
                } else {
                    memberships.remove(definition.name());
                }
                changes.add(new Change(definition.name(), member));
                input = input.withSegments(memberships.keySet());
            }
            Optional<Instant> flip = evaluator.nextFlip(definition.condition(), input, now);
            if (flip.isPresent() && (next == null || flip.get().isBefore(next))) {
                next = flip.get();
            }
        }
        return new Outcome(memberships, changes, Optional.ofNullable(next));
    }
}

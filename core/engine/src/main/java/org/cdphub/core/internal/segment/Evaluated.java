package org.cdphub.core.internal.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.cdphub.core.internal.store.SegmentStateTable;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;

/**
 * What evaluating one profile gave: the text of its input hashes, whether only the definitions that read a changed
 * field were evaluated ({@code partial}), and the outcome.
 */
record Evaluated(String inputs, boolean partial, ProfileSegments.Outcome outcome) {

    /**
     * Evaluates one profile: only the definitions that read a field that changed since its last evaluation when
     * {@code onlyChanged} and its inputs are known (not for a {@code survivor} of a merge, which holds the memberships
     * of the profiles it absorbed: every definition).
     */
    static Evaluated of(ProfileInputReader.Read profile, SegmentStateTable.State state, EvaluationPlan plan,
            Evaluator evaluator, Instant now, boolean onlyChanged, boolean survivor) {
        EvaluationInput input = profile.input();
        Map<String, Long> hashes = InputFingerprints.of(input, plan.fields());
        String text = state.inputs();
        Set<String> changedFields = onlyChanged && text != null && !survivor
                ? InputFingerprints.changed(hashes, text) : null;
        return new Evaluated(InputFingerprints.encode(hashes.values()), changedFields != null,
                ProfileSegments.evaluate(input, state.memberships(), plan.segments(), evaluator, now, changedFields));
    }
}

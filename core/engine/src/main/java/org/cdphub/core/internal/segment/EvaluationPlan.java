package org.cdphub.core.internal.segment;

import java.util.List;
import java.util.Set;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * What evaluating a list of definitions needs worked out once: the plan of {@link ProfileSegments}, the fields the
 * definitions read ({@link InputFingerprints}) and a reader of just those fields of a profile document.
 */
record EvaluationPlan(List<SegmentDefinition> definitions, ProfileSegments.Plan segments, Set<String> fields,
        ProfileInputReader reader) {

    static EvaluationPlan of(List<SegmentDefinition> definitions) {
        return new EvaluationPlan(definitions, ProfileSegments.Plan.of(definitions),
                InputFingerprints.fields(definitions), ProfileInputReader.forDefinitions(definitions));
    }
}

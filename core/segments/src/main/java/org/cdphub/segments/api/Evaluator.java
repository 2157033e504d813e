package org.cdphub.segments.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.cdphub.segments.internal.ConditionEvaluator;

/** Evaluates conditions against one person's input at an instant. Thread-safe and stateless. */
public interface Evaluator {

    /**
     * An evaluator; {@code defaultZone} is the time zone of people without a valid {@code timeZone} trait (birthday
     * windows start at their local midnight).
     */
    static Evaluator create(ZoneId defaultZone) {
        return new ConditionEvaluator(defaultZone);
    }

    /** Whether the input meets the condition at {@code now}. */
    boolean evaluate(Condition condition, EvaluationInput input, Instant now);

    /** Whether the input meets the definition's condition at {@code now}. */
    default boolean evaluate(SegmentDefinition definition, EvaluationInput input, Instant now) {
        return evaluate(definition.condition(), input, now);
    }

    /**
     * The earliest instant after {@code now} at which the result changes without any new data (an event leaving or
     * entering a window, a follow-up window closing, a birthday window opening or closing at local midnight, a
     * days-since threshold being crossed); empty if the result cannot change by time alone. Re-evaluate at that
     * instant (not before) and ask again.
     */
    Optional<Instant> nextFlip(Condition condition, EvaluationInput input, Instant now);

    /** The same, when the caller already knows the condition's result at {@code now} ({@code current}). */
    default Optional<Instant> nextFlip(Condition condition, EvaluationInput input, Instant now, boolean current) {
        return nextFlip(condition, input, now);
    }

    /** The inputs the condition reads (see {@link Fields}). */
    Set<String> fields(Condition condition);
}

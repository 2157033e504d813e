package org.cdphub.segments.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;

/** Builds conditions from YAML snippets and inputs from a few values. */
final class TestSupport {

    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    static final Evaluator EVALUATOR = Evaluator.create(ZoneOffset.UTC);

    private TestSupport() {
    }

    /** Parses {@code yaml} as the condition of a definition named {@code t}. */
    static Condition condition(String yaml) {
        StringBuilder text = new StringBuilder("name: t\ncondition:\n");
        yaml.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        try {
            return SegmentParser.parse("t.yaml", text.toString()).condition();
        } catch (DefinitionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static boolean eval(String yaml, EvaluationInput input) {
        return EVALUATOR.evaluate(condition(yaml), input, NOW);
    }

    static boolean eval(String yaml, EvaluationInput input, Instant now) {
        return EVALUATOR.evaluate(condition(yaml), input, now);
    }

    /** An input with traits given as name, value, name, value... */
    static EvaluationInput traits(Object... nameValues) {
        Map<String, Object> traits = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            traits.put((String) nameValues[i], nameValues[i + 1]);
        }
        return EvaluationInput.of(traits, List.of(), List.of(), List.of());
    }

    static EvaluationInput events(Event... events) {
        return EvaluationInput.of(Map.of(), List.of(), List.of(events), List.of());
    }

    static EvaluationInput consents(Consent... consents) {
        return EvaluationInput.of(Map.of(), List.of(consents), List.of(), List.of());
    }

    static EvaluationInput segments(String... names) {
        return EvaluationInput.of(Map.of(), List.of(), List.of(), List.of(names));
    }

    private static int counter;

    /** An event with properties given as name, value, ... */
    static Event event(String type, Instant at, Object... props) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            properties.put((String) props[i], props[i + 1]);
        }
        return new Event(type, at, "test", type + "-" + (++counter), properties);
    }

    static List<Event> list(Event... events) {
        return new ArrayList<>(List.of(events));
    }
}

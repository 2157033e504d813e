package org.cdphub.core.internal.segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A configured segment: its name, the condition as written, and the parsed condition. */
public record SegmentDefinition(String name, String conditionText, Condition condition) {

    /** Names as they appear in configuration, on queues and in the store. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final int MAX_NAME = 100;

    public SegmentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
    }

    /**
     * Parses one definition {@code <name>: <condition>}, for example {@code nl-customers: country = NL}.
     *
     * @throws IllegalArgumentException naming the definition and the problem
     */
    public static SegmentDefinition parse(String definition) {
        String line = definition == null ? "" : definition.strip();
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("segment definition '" + line
                    + "': expected '<name>: <condition>', for example 'nl-customers: country = NL'");
        }
        String name = line.substring(0, colon).strip();
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("segment definition '" + line + "': name '" + name
                    + "' must match [a-z0-9][a-z0-9-]* (at most " + MAX_NAME + " characters)");
        }
        String conditionText = line.substring(colon + 1).strip();
        return new SegmentDefinition(name, conditionText, ConditionParser.parse(name, conditionText));
    }

    /** Parses every definition; names must be unique. */
    public static List<SegmentDefinition> parseAll(String[] definitions) {
        List<SegmentDefinition> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String definition : definitions == null ? new String[0] : definitions) {
            if (definition == null || definition.isBlank()) {
                continue;
            }
            SegmentDefinition segment = parse(definition);
            if (!names.add(segment.name())) {
                throw new IllegalArgumentException("segment definition '" + definition.strip()
                        + "': segment '" + segment.name() + "' is defined more than once");
            }
            parsed.add(segment);
        }
        return List.copyOf(parsed);
    }
}

package org.cdphub.core.internal.segment;

import java.util.ArrayList;
import java.util.List;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.SegmentDefinition;
import org.cdphub.segments.api.SegmentParser;

/** Segment definitions for engine tests, written as JSON conditions. */
public final class TestSegments {

    /** {@code country} equals NL, ignoring case. */
    public static final String NL = "{\"trait\": \"country\", \"equals\": \"NL\", \"ignoreCase\": true}";

    private TestSegments() {
    }

    /** @param nameAndCondition pairs: name, JSON condition, name, JSON condition, ... */
    public static List<SegmentDefinition> of(String... nameAndCondition) {
        List<SegmentDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < nameAndCondition.length; i += 2) {
            String name = nameAndCondition[i];
            try {
                definitions.add(SegmentParser.parse(name + ".json",
                        "{\"name\": \"" + name + "\", \"condition\": " + nameAndCondition[i + 1] + "}"));
            } catch (DefinitionException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return definitions;
    }

    /** A condition that a trait exists. */
    public static String exists(String trait) {
        return "{\"trait\": \"" + trait + "\", \"exists\": true}";
    }
}

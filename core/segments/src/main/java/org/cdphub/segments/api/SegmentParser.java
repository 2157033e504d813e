package org.cdphub.segments.api;

import java.util.Locale;
import org.cdphub.segments.internal.parse.DefinitionReader;

/**
 * Parses a segment definition from YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) text. Unknown keys and
 * operators, wrong types, bad durations and invalid names are errors; the message of the {@link DefinitionException}
 * is {@code <file>:<line>: <what is wrong>}.
 */
public final class SegmentParser {

    private SegmentParser() {
    }

    /**
     * Parses one definition.
     *
     * @param file the file name used in messages and kept as {@link SegmentDefinition#source()}; a name ending in
     *             {@code .json} is read as JSON, anything else as YAML
     */
    public static SegmentDefinition parse(String file, String text) throws DefinitionException {
        return DefinitionReader.read(file, text);
    }

    /** Whether a file name looks like a definition file ({@code .yaml}, {@code .yml}, {@code .json}). */
    public static boolean isDefinitionFile(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}

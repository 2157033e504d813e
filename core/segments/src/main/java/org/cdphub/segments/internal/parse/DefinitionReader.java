package org.cdphub.segments.internal.parse;

import java.util.List;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.SegmentDefinition;

/** Reads a whole definition file: {@code name}, {@code description} and {@code condition}. */
public final class DefinitionReader {

    /** Largest definition file accepted, in characters. */
    public static final int MAX_CHARS = 256 * 1024;

    private DefinitionReader() {
    }

    public static SegmentDefinition read(String file, String text) throws DefinitionException {
        if (text == null) {
            throw new DefinitionException(file, 1, "no text");
        }
        if (text.length() > MAX_CHARS) {
            throw new DefinitionException(file, 1, "file too large (" + text.length() + " characters; at most "
                    + MAX_CHARS + ")");
        }
        Nodes nodes = new Nodes(file);
        Node root = NodeReader.read(file, text);
        Node.Mapping m = nodes.mapping(root, "a segment definition");
        nodes.onlyKeys(m, List.of("name", "description", "condition"), "a segment definition");
        Node.Entry nameEntry = nodes.required(m, "name", "a segment definition");
        String name = nodes.text(nameEntry.value(), "'name'");
        if (!SegmentDefinition.isValidName(name)) {
            throw nodes.error(nameEntry.line(), "invalid name '" + name + "': use lower-case letters, digits and '-',"
                    + " starting with a letter or digit, at most " + SegmentDefinition.MAX_NAME_LENGTH
                    + " characters");
        }
        Node.Entry descriptionEntry = m.entries().get("description");
        String description = "";
        if (descriptionEntry != null && !(descriptionEntry.value() instanceof Node.Scalar s && s.value() == null)) {
            description = nodes.text(descriptionEntry.value(), "'description'");
        }
        Node.Entry conditionEntry = nodes.required(m, "condition", "a segment definition");
        Condition condition = new ConditionReader(nodes).read(conditionEntry.value(), 1);
        return new SegmentDefinition(name, description, condition, file);
    }
}

package org.cdphub.segments.api;

import java.util.Objects;

/**
 * A segment as defined in a file: its name ({@code [a-z0-9][a-z0-9-]*}, at most 64 characters), a description for
 * people, the condition and the file it was loaded from ({@code null} when built in code).
 */
public record SegmentDefinition(String name, String description, Condition condition, String source) {

    /** The longest name allowed. */
    public static final int MAX_NAME_LENGTH = 64;

    public SegmentDefinition {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid segment name '" + name
                    + "': use lower-case letters, digits and '-', starting with a letter or digit, at most "
                    + MAX_NAME_LENGTH + " characters");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(condition, "condition");
    }

    /** Whether {@code name} is a valid segment name. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}

package org.cdphub.api.model;

import java.util.Objects;

/**
 * A typed identifier of a person, such as {@code email:ann@example.com}. Values are stored normalised (see
 * {@link org.cdphub.api.identity.IdentifierNormalizer}); two identifiers are equal when type and value are equal.
 */
public record Identifier(String type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The {@code type:value} form used on the console and as the store key. */
    public String key() {
        return type + ":" + value;
    }

    /** Parses {@code type:value}; the value may itself contain colons. */
    public static Identifier parse(String typeColonValue) {
        int colon = typeColonValue == null ? -1 : typeColonValue.indexOf(':');
        if (colon <= 0 || colon == typeColonValue.length() - 1) {
            throw new IllegalArgumentException("expected <type>:<value>, for example email:ann@example.com, got '"
                    + typeColonValue + "'");
        }
        return new Identifier(typeColonValue.substring(0, colon).trim(), typeColonValue.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return key();
    }
}

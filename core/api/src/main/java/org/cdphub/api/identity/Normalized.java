package org.cdphub.api.identity;

import java.util.Optional;
import org.cdphub.api.model.Identifier;

/** Outcome of normalising one identifier: the normalised identifier, or the reason it is not valid. */
public record Normalized(Identifier identifier, String error) {

    public static Normalized valid(Identifier identifier) {
        return new Normalized(identifier, null);
    }

    public static Normalized invalid(String error) {
        return new Normalized(null, error);
    }

    public boolean isValid() {
        return identifier != null;
    }

    public Optional<Identifier> toOptional() {
        return Optional.ofNullable(identifier);
    }
}

package org.cdphub.api.service;

import java.util.Optional;
import org.cdphub.api.model.Identifier;

/** Why a profile looks the way it does: which fragments it has and which rule joined them. */
public interface IdentityExplain {

    /**
     * Explains the profile holding this identifier (normalised first): its fragments, the links between them with the
     * rule that made each, the identifiers that link nothing with the reason, and the candidate values of each trait.
     * Empty when no profile holds the identifier (see {@link #blockedReason} for identifiers that never link).
     */
    Optional<ProfileExplanation> explain(Identifier identifier);

    /** Why this identifier (normalised first) never links anything, when it is a blocked placeholder value. */
    Optional<String> blockedReason(Identifier identifier);
}

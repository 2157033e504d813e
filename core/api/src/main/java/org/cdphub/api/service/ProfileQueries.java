package org.cdphub.api.service;

import java.util.Optional;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;

/** Read access to unified profiles. */
public interface ProfileQueries {

    /** The profile holding this identifier; the identifier is normalised first. */
    Optional<Profile> findByIdentifier(Identifier identifier);

    /** The profile with this id, following aliases left by merges. */
    Optional<Profile> findById(String profileId);

    /** Number of unified profiles. */
    long count();
}

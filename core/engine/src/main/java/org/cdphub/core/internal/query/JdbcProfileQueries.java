package org.cdphub.core.internal.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.ProfileQueries;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;

/** Reads profiles from the store. Lock-free: every call sees the last committed merge. */
public final class JdbcProfileQueries implements ProfileQueries {

    private final DataSource dataSource;
    private final IdentifierNormalizer normalizer;

    public JdbcProfileQueries(DataSource dataSource, IdentifierNormalizer normalizer) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    }

    /** Normalises first; an identifier that is not valid belongs to no profile, so the answer is empty. */
    @Override
    public Optional<Profile> findByIdentifier(Identifier identifier) {
        Normalized normalized = normalizer.normalize(identifier);
        if (!normalized.isValid()) {
            return Optional.empty();
        }
        String key = normalized.identifier().key();
        return Jdbc.read(dataSource, c -> {
            String owner = IdentifierTable.owners(c, List.of(key)).get(key);
            return owner == null ? Optional.<Profile>empty() : withMemberships(c, ProfileTable.find(c, owner));
        });
    }

    /** The live profile, or the profile an alias (the id of an absorbed profile) points at. */
    @Override
    public Optional<Profile> findById(String profileId) {
        if (profileId == null || profileId.isBlank()) {
            return Optional.empty();
        }
        String id = profileId.trim();
        return Jdbc.read(dataSource, c -> {
            Optional<Profile> live = ProfileTable.find(c, id);
            if (live.isPresent()) {
                return withMemberships(c, live);
            }
            String target = AliasTable.resolve(c, List.of(id)).get(id);
            return target == null ? Optional.<Profile>empty() : withMemberships(c, ProfileTable.find(c, target));
        });
    }

    /** Segment memberships are kept in their own table, not in the stored document. */
    private static Optional<Profile> withMemberships(java.sql.Connection c, Optional<Profile> profile)
            throws java.sql.SQLException {
        if (profile.isEmpty()) {
            return profile;
        }
        String id = profile.get().profileId();
        return Optional.of(profile.get().withSegments(MembershipTable.load(c, List.of(id)).getOrDefault(id,
                List.of())));
    }

    @Override
    public long count() {
        return Jdbc.read(dataSource, ProfileTable::count);
    }
}

package org.cdphub.core.internal.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;

/**
 * Last step of a merge: recomputes every touched profile from all of its stored fragments and writes it, with its
 * identifiers (deleted and reinserted, so that an identifier no fragment has any more disappears).
 */
final class ProfileRecompute {

    private ProfileRecompute() {
    }

    /**
     * @param targets  the profiles to recompute; their fragments are already stored under their ids
     * @param absorbed ids of profiles absorbed in this merge, whose identifier rows must go too
     * @return the recomputed profiles, in the order of {@code targets}
     */
    static List<Profile> run(Connection c, List<MergePlanner.Target> targets, Collection<String> absorbed,
            Instant now) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        targets.forEach(t -> ids.add(t.profileId()));
        var fragments = FragmentTable.byProfile(c, ids);
        var aliases = AliasTable.aliasesOf(c, ids);
        var memberships = MembershipTable.load(c, ids);

        List<Profile> created = new ArrayList<>();
        List<Profile> updated = new ArrayList<>();
        Map<String, List<Identifier>> identifiers = new LinkedHashMap<>();
        List<Profile> all = new ArrayList<>();
        for (MergePlanner.Target target : targets) {
            String id = target.profileId();
            Profile profile = ProfileBuilder.build(id, fragments.getOrDefault(id, List.of()),
                    aliases.getOrDefault(id, List.of()), memberships.getOrDefault(id, List.of()),
                    target.createdAt(), now);
            (target.isNew() ? created : updated).add(profile);
            identifiers.put(id, profile.identifiers());
            all.add(profile);
        }

        Set<String> stale = new LinkedHashSet<>(ids);
        stale.addAll(absorbed);
        IdentifierTable.deleteForProfiles(c, stale);
        IdentifierTable.insert(c, identifiers);
        ProfileTable.insert(c, created);
        ProfileTable.update(c, updated);
        return all;
    }
}

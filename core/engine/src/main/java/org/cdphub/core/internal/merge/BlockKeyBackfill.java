package org.cdphub.core.internal.merge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.cdphub.api.model.Profile;
import org.cdphub.core.internal.store.BlockKeyTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.core.internal.store.SettingTable;
import org.cdphub.core.internal.store.StoreLock;

/**
 * Recomputes the blocking keys of every stored profile, a page at a time (each page in its own short write
 * transaction, so merges go on in between), when the store says {@code block_keys} is {@code pending} (after a
 * migration that changed the key scheme), and then marks it {@code done}. Idempotent: several nodes may run it; a
 * profile merged meanwhile gets the same keys from the merge.
 */
public final class BlockKeyBackfill {

    static final String SETTING = "block_keys";
    static final int PAGE = 1000;

    private final DataSource dataSource;

    public BlockKeyBackfill(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean pending() {
        return StoreLock.write(dataSource, c -> SettingTable.get(c, SETTING).map("pending"::equals).orElse(false));
    }

    /** Runs the backfill if it is pending; returns the number of profiles looked at. */
    public long runIfPending() {
        if (!pending()) {
            return 0;
        }
        long seen = 0;
        String after = null;
        while (true) {
            String from = after;
            List<Profile> page = StoreLock.write(dataSource, c -> {
                List<Profile> profiles = ProfileTable.page(c, from, PAGE);
                Map<String, Set<String>> keys = new LinkedHashMap<>();
                for (Profile profile : profiles) {
                    Map<String, Object> traits = new LinkedHashMap<>();
                    profile.traits().forEach((k, v) -> traits.put(k, v == null ? null : v.value()));
                    Set<String> profileKeys = ProbabilisticMatching.blockKeys(profile.identifiers(), traits);
                    if (!profileKeys.isEmpty()) {
                        keys.put(profile.profileId(), profileKeys);
                    }
                }
                List<String> ids = profiles.stream().map(Profile::profileId).toList();
                BlockKeyTable.replace(c, ids, ids, keys);
                return profiles;
            });
            seen += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).profileId();
        }
        StoreLock.write(dataSource, c -> {
            SettingTable.put(c, SETTING, "done");
            return null;
        });
        return seen;
    }
}

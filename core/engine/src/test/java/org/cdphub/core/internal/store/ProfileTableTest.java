package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Profile rows written in bulk: every row of a multi-row update gets its own document and version. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ProfileTableTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T09:00:00.123456Z");
    private static final int STORED = 300;
    private static final int UPDATED = 233;

    private final DataSource dataSource;

    ProfileTableTest(TestDatabase database) {
        dataSource = database.fresh();
    }

    @Test
    void aBulkUpdateWritesEachProfileItsOwnDocumentAndLeavesTheOthers() {
        List<Profile> stored = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            stored.add(profile("p" + i, "first", CREATED));
        }
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.insert(c, stored);
            return null;
        });
        List<Profile> updated = new ArrayList<>();
        for (int i = 0; i < UPDATED; i++) {
            // every other one in the opposite order, so that rows and statements do not line up with the ids
            int n = i % 2 == 0 ? i : STORED - i;
            updated.add(profile("p" + n, "second " + n, CREATED.plusSeconds(n).plusNanos(1_000)));
        }
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.update(c, updated);
            return null;
        });

        Map<String, Profile> read = Jdbc.read(dataSource, c -> ProfileTable.load(c, stored.stream()
                .map(Profile::profileId).toList()));
        Map<String, Instant> versions = new java.util.HashMap<>();
        Jdbc.read(dataSource, c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("select profile_id, updated_at from cdp_profile");
                    java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), Jdbc.getInstant(rs, "updated_at"));
                }
            }
            return null;
        });
        assertThat(read).hasSize(STORED);
        List<String> updatedIds = updated.stream().map(Profile::profileId).toList();
        for (Profile expected : updated) {
            assertThat(read.get(expected.profileId())).isEqualTo(expected);
            assertThat(versions.get(expected.profileId())).isEqualTo(expected.updatedAt());
        }
        stored.stream().filter(p -> !updatedIds.contains(p.profileId())).forEach(p -> {
            assertThat(read.get(p.profileId())).isEqualTo(p);
            assertThat(versions.get(p.profileId())).isEqualTo(CREATED);
        });
    }

    private static Profile profile(String id, String name, Instant updatedAt) {
        return new Profile(id, List.of(), Map.of("firstName", new TraitValue(name, "crm", id, CREATED)), List.of(), List.of(), List.of(),
                List.of(), List.of(), CREATED, updatedAt);
    }
}

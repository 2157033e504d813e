package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows written in bulk come back exactly as written, whatever characters their values hold and whatever instants:
 * on PostgreSQL they travel as arrays ({@link ColumnArrays}), the instants among them as text ({@link PgTimestamps}).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StoreRowsTest {

    /** What an array literal must quote or escape, and what a careless one would take for NULL or a separator. */
    private static final List<String> AWKWARD = List.of("{\"name\": \"Ann \\\"Nan\\\" O'Brien\", \"note\": \"a\\\\b\"}",
            "{}", "NULL", "null", "", " leading and trailing ", "comma, {braces}, \"quotes\"", "back\\slash\\",
            "line\nbreak\ttab", "Zoë 東京 🎉", "x".repeat(5000));
    private static final Instant OBSERVED = Instant.parse("2026-11-30T09:00:00.123456Z");
    private static final boolean[] EXPIRES = {true, false};

    private final DataSource dataSource;

    StoreRowsTest(TestDatabase database) {
        this.dataSource = database.fresh();
    }

    @Test
    void fragmentRowsComeBackAsWritten() throws Exception {
        List<FragmentRow> rows = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            Instant expires = EXPIRES[i % 2] ? Instant.parse("+10000-01-01T00:00:00.000001Z").minusSeconds(i) : null;
            rows.add(new FragmentRow(new FragmentKey("src \"" + i + "\"", key(i)), "profile-" + i,
                    OBSERVED.plusNanos(i * 1_000L), "hash,{" + i + "}", AWKWARD.get(i), expires));
        }
        Jdbc.inTransaction(dataSource, c -> {
            FragmentTable.replace(c, rows, List.of());
            return null;
        });

        List<FragmentRow> read = Jdbc.read(dataSource, c -> {
            List<FragmentRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select source, source_record_id, profile_id, observed_at,"
                    + " content_hash, body, expires_at from cdp_fragment")) {
                Jdbc.forEachRow(ps, rs -> out.add(new FragmentRow(new FragmentKey(rs.getString(1), rs.getString(2)),
                        rs.getString(3), Jdbc.getInstant(rs, "observed_at"), rs.getString(5), rs.getString(6),
                        Jdbc.getInstant(rs, "expires_at"))));
            }
            return out;
        });
        assertThat(read).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void identifierRowsComeBackAsWritten() {
        Map<String, List<Identifier>> byProfile = new LinkedHashMap<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            byProfile.computeIfAbsent("profile-" + i % 3, p -> new ArrayList<>())
                    .add(new Identifier("custom \"" + i + "\"", key(i)));
        }
        Jdbc.inTransaction(dataSource, c -> {
            IdentifierTable.insert(c, byProfile);
            return null;
        });

        List<List<String>> expected = new ArrayList<>();
        byProfile.forEach((profile, identifiers) -> identifiers.forEach(
                i -> expected.add(List.of(i.key(), i.type(), profile))));
        assertThat(TestStore.rows(dataSource, "select id_key, id_type, profile_id from cdp_identifier"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void instantsComeBackAsTheStoreKeepsThemRoundedToTheMicrosecondBeforeYearOneToo() {
        List<Instant> written = List.of(Instant.parse("2026-11-30T09:00:00.000000499Z"),
                Instant.parse("2026-11-30T09:00:00.000000500Z"), Instant.parse("2026-12-31T23:59:59.999999500Z"),
                Instant.parse("0000-12-31T23:00:00Z"), Instant.parse("-0001-01-01T00:00:00.000001Z"),
                Instant.parse("0001-01-01T00:00:00Z"));
        List<Instant> expected = List.of(Instant.parse("2026-11-30T09:00:00Z"),
                Instant.parse("2026-11-30T09:00:00.000001Z"), Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:00:00Z"), Instant.parse("-0001-01-01T00:00:00.000001Z"),
                Instant.parse("0001-01-01T00:00:00Z"));
        List<FragmentRow> rows = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            rows.add(new FragmentRow(new FragmentKey("src", "r" + i), "p", written.get(i), "h", "{}",
                    written.get(i)));
        }
        Jdbc.inTransaction(dataSource, c -> {
            FragmentTable.replace(c, rows, List.of());
            return null;
        });

        Map<String, List<Instant>> read = new LinkedHashMap<>();
        Jdbc.read(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("select source_record_id, observed_at, expires_at"
                    + " from cdp_fragment order by source_record_id")) {
                Jdbc.forEachRow(ps, rs -> read.put(rs.getString(1),
                        List.of(Jdbc.getInstant(rs, "observed_at"), Jdbc.getInstant(rs, "expires_at"))));
            }
            return null;
        });
        for (int i = 0; i < written.size(); i++) {
            assertThat(read.get("r" + i)).as("written %s", written.get(i))
                    .containsExactly(expected.get(i), expected.get(i));
        }
    }

    @Test
    void profileDocumentsComeBackAsWrittenInsertedAndUpdated() {
        List<Profile> inserted = new ArrayList<>();
        List<Profile> updated = new ArrayList<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            inserted.add(profile("p" + i, AWKWARD.get(i), OBSERVED));
            updated.add(profile("p" + i, AWKWARD.get(AWKWARD.size() - 1 - i) + " 2", OBSERVED.plusSeconds(i)));
        }
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.insert(c, inserted);
            return null;
        });
        assertThat(Jdbc.read(dataSource, c -> ProfileTable.load(c, ids(inserted))).values())
                .containsExactlyInAnyOrderElementsOf(inserted);
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.update(c, updated);
            return null;
        });
        assertThat(Jdbc.read(dataSource, c -> ProfileTable.load(c, ids(updated))).values())
                .containsExactlyInAnyOrderElementsOf(updated);
    }

    @Test
    void awkwardKeysAreFoundByTheLookupsThatTakeManyKeys() {
        Map<String, List<Identifier>> byProfile = new LinkedHashMap<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            byProfile.put("profile-" + i, List.of(new Identifier("custom", key(i))));
        }
        Jdbc.inTransaction(dataSource, c -> {
            IdentifierTable.insert(c, byProfile);
            return null;
        });

        Map<String, String> expected = new LinkedHashMap<>();
        byProfile.forEach((profile, ids) -> expected.put(ids.get(0).key(), profile));
        List<String> asked = new ArrayList<>(expected.keySet());
        asked.add("custom:not stored");
        Map<String, String> owners = StoreLock.write(dataSource, c -> IdentifierTable.owners(c, asked));
        assertThat(owners).isEqualTo(expected);
    }

    private static Profile profile(String id, String name, Instant updatedAt) {
        return new Profile(id, List.of(new Identifier("custom", id)),
                Map.of("firstName", new TraitValue(name, "crm \"x\"", id, OBSERVED)), List.of(), List.of(), List.of(),
                List.of(), List.of(), OBSERVED, updatedAt);
    }

    private static List<String> ids(List<Profile> profiles) {
        return profiles.stream().map(Profile::profileId).toList();
    }

    /** A key column's share of an awkward value: its first 100 characters and {@code i}, unique. */
    private static String key(int i) {
        String value = AWKWARD.get(i);
        return value.substring(0, Math.min(100, value.length())) + i;
    }
}

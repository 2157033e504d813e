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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows written in bulk come back exactly as written, whatever characters their values hold: on PostgreSQL they travel
 * as arrays ({@link ColumnArrays}), whose text form quotes and escapes every element.
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

    /** A key column's share of an awkward value: its first 100 characters and {@code i}, unique. */
    private static String key(int i) {
        String value = AWKWARD.get(i);
        return value.substring(0, Math.min(100, value.length())) + i;
    }
}

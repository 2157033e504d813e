package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A segment evaluation's documents read before its transaction: under the lock, a document is taken from the early
 * read only while its version is still the stored one; documents written or created since are read again, and
 * profiles deleted since are gone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SegmentStateTableTest {

    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00.123456Z");

    private final DataSource dataSource;

    SegmentStateTableTest(TestDatabase database) {
        dataSource = database.fresh();
    }

    @Test
    void documentsAndStatesOfStoredProfilesOnly() {
        Jdbc.inTransaction(dataSource, c -> {
            insert(c, "p1", T0, "{\"v\":1}");
            insert(c, "p2", T0, "{\"v\":1}");
            insert(c, "p4", T0, "{\"v\":1}");
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into cdp_segment_state (profile_id, segments, inputs, due_at) values (?, null, ?, null)")) {
                ps.setString(1, "p1");
                ps.setString(2, "inputs-of-p1");
                ps.executeUpdate();
            }
            return null;
        });
        List<String> ids = List.of("p1", "p2", "p3", "p4");
        Jdbc.inTransaction(dataSource, c -> {
            ProfileTable.delete(c, List.of("p4"));
            return null;
        });
        Map<String, SegmentStateTable.StoredProfile> read = Jdbc.read(dataSource,
                c -> SegmentStateTable.withDocs(c, ids));
        assertThat(read).containsOnlyKeys("p1", "p2");
        assertThat(read.get("p1").doc()).isEqualTo("{\"v\":1}");
        assertThat(read.get("p1").state().inputs()).isEqualTo("inputs-of-p1");
        assertThat(read.get("p2").state()).isEqualTo(SegmentStateTable.State.NONE);
    }

    private static void insert(Connection c, String id, Instant updatedAt, String doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_profile (profile_id, created_at, updated_at, doc) values (?, ?, ?, ?)")) {
            ps.setString(1, id);
            Jdbc.setInstant(ps, 2, T0);
            Jdbc.setInstant(ps, 3, updatedAt);
            ps.setString(4, doc);
            ps.executeUpdate();
        }
    }
}

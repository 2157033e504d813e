package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
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
    private static final Instant T1 = T0.plusMillis(5);

    private final DataSource dataSource;

    SegmentStateTableTest(TestDatabase database) {
        dataSource = database.fresh();
    }

    @Test
    void earlyDocumentsAreUsedOnlyWhileTheirVersionIsStored() {
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
        Map<String, SegmentStateTable.EarlyProfile> before = Jdbc.read(dataSource,
                c -> SegmentStateTable.early(c, ids));
        assertThat(before).containsOnlyKeys("p1", "p2", "p4");
        assertThat(before.get("p2").doc()).isEqualTo(new ProfileTable.VersionedDoc(T0, "{\"v\":1}"));
        assertThat(before.get("p2").state()).isEqualTo(SegmentStateTable.State.NONE);
        assertThat(before.get("p1").state().inputs()).isEqualTo("inputs-of-p1");
        Map<String, ProfileTable.VersionedDoc> early = new HashMap<>();
        before.forEach((id, profile) -> early.put(id, profile.doc()));

        // p1 unchanged (its early document marked, to see where the result's comes from), p2 written again, p3 new,
        // p4 deleted
        Map<String, ProfileTable.VersionedDoc> marked = new HashMap<>(early);
        marked.put("p1", new ProfileTable.VersionedDoc(T0, "early p1"));
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update cdp_profile set updated_at = ?, doc = ? where profile_id = ?")) {
                Jdbc.setInstant(ps, 1, T1);
                ps.setString(2, "{\"v\":2}");
                ps.setString(3, "p2");
                ps.executeUpdate();
            }
            insert(c, "p3", T1, "{\"v\":3}");
            ProfileTable.delete(c, List.of("p4"));
            return null;
        });

        Map<String, SegmentStateTable.StoredProfile> read = Jdbc.read(dataSource,
                c -> SegmentStateTable.withDocs(c, ids, marked));
        assertThat(read).containsOnlyKeys("p1", "p2", "p3");
        assertThat(read.get("p1").doc()).isEqualTo("early p1");
        assertThat(read.get("p1").state().inputs()).isEqualTo("inputs-of-p1");
        assertThat(read.get("p2").doc()).isEqualTo("{\"v\":2}");
        assertThat(read.get("p3").doc()).isEqualTo("{\"v\":3}");
        assertThat(read.get("p3").state()).isEqualTo(SegmentStateTable.State.NONE);

        // the same as a read under the lock alone, but for the marked document
        Map<String, SegmentStateTable.StoredProfile> plain = Jdbc.read(dataSource,
                c -> SegmentStateTable.withDocs(c, ids));
        assertThat(read.get("p2")).isEqualTo(plain.get("p2"));
        assertThat(read.get("p3")).isEqualTo(plain.get("p3"));
        assertThat(read.get("p1").state()).isEqualTo(plain.get("p1").state());
        assertThat(plain.get("p1").doc()).isEqualTo("{\"v\":1}");
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

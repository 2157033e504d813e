package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Profile;

/** SQL on {@code cdp_profile}: the computed profile of each live profile id, as JSON. */
public final class ProfileTable {

    private ProfileTable() {
    }

    /** {@code created_at} of those of {@code profileIds} that exist. */
    public static Map<String, Instant> createdAt(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, Instant> created = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, created_at from cdp_profile where profile_id", profileIds,
                rs -> created.put(rs.getString("profile_id"), Jdbc.getInstant(rs, "created_at")));
        return created;
    }

    /** The stored profiles among {@code profileIds}. */
    public static Map<String, Profile> load(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, String> docs = docs(c, profileIds);
        Map<String, Profile> profiles = new java.util.concurrent.ConcurrentHashMap<>();
        // parsing is pure CPU: spread large loads over the cores
        (docs.size() >= 64 ? docs.entrySet().parallelStream() : docs.entrySet().stream())
                .forEach(e -> profiles.put(e.getKey(), CdpJson.read(e.getValue(), Profile.class)));
        return new HashMap<>(profiles);
    }

    /** The stored documents (JSON of {@link Profile}) of those of {@code profileIds} that exist. */
    public static Map<String, String> docs(Connection c, Collection<String> profileIds) throws SQLException {
        Map<String, String> docs = new HashMap<>();
        Jdbc.forEachRowIn(c, "select profile_id, doc from cdp_profile where profile_id", profileIds,
                rs -> docs.put(rs.getString(1), rs.getString(2)));
        return docs;
    }

    /** Up to {@code limit} stored profiles with ids after {@code afterId} (null: from the start), in id order. */
    public static List<Profile> page(Connection c, String afterId, int limit) throws SQLException {
        List<Profile> page = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(afterId == null
                ? "select doc from cdp_profile order by profile_id"
                : "select doc from cdp_profile where profile_id > ? order by profile_id")) {
            if (afterId != null) {
                ps.setString(1, afterId);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(CdpJson.read(rs.getString("doc"), Profile.class));
                }
            }
        }
        return page;
    }

    public static Optional<Profile> find(Connection c, String profileId) throws SQLException {
        return Optional.ofNullable(load(c, List.of(profileId)).get(profileId));
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from cdp_profile");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A profile with its document (its JSON), written as one row. */
    public record Doc(Profile profile, String json) {

        static List<Doc> of(List<Profile> profiles) {
            return profiles.stream().map(p -> new Doc(p, CdpJson.write(p))).toList();
        }
    }

    public static void insert(Connection c, List<Profile> profiles) throws SQLException {
        insertDocs(c, Doc.of(profiles));
    }

    public static void insertDocs(Connection c, List<Doc> docs) throws SQLException {
        if (!Jdbc.isH2(c)) {
            ColumnArrays.insert(c, "cdp_profile", docs,
                    ColumnArrays.Column.varchar("profile_id", (Doc d) -> d.profile().profileId()),
                    ColumnArrays.Column.timestamptz("created_at", d -> d.profile().createdAt()),
                    ColumnArrays.Column.timestamptz("updated_at", d -> d.profile().updatedAt()),
                    ColumnArrays.Column.text("doc", Doc::json));
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_profile (profile_id, created_at, updated_at, doc) values (?, ?, ?, ?)")) {
            for (Doc d : docs) {
                ps.setString(1, d.profile().profileId());
                Jdbc.setInstant(ps, 2, d.profile().createdAt());
                Jdbc.setInstant(ps, 3, d.profile().updatedAt());
                ps.setString(4, d.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Rewrites doc and {@code updated_at} of existing profiles; {@code created_at} never changes. */
    public static void update(Connection c, List<Profile> profiles) throws SQLException {
        updateDocs(c, Doc.of(profiles));
    }

    /**
     * {@link #update} with the documents written already: on PostgreSQL one statement over arrays
     * ({@link ColumnArrays}), on H2 a JDBC batch. Each profile at most once in {@code docs} (a multi-row update would
     * write one of two rows of an id, not the last).
     */
    public static void updateDocs(Connection c, List<Doc> docs) throws SQLException {
        if (!Jdbc.isH2(c)) {
            if (docs.isEmpty()) {
                return;
            }
            ColumnArrays.Column<Doc> id = ColumnArrays.Column.varchar("profile_id", d -> d.profile().profileId());
            ColumnArrays.Column<Doc> updated = ColumnArrays.Column.timestamptz("updated_at",
                    d -> d.profile().updatedAt());
            ColumnArrays.Column<Doc> doc = ColumnArrays.Column.text("doc", Doc::json);
            ColumnArrays.run(c, "update cdp_profile p set updated_at = d.updated_at, doc = d.doc from "
                    + ColumnArrays.arrays("d", id, updated, doc) + " where p.profile_id = d.profile_id", docs, id,
                    updated, doc);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update cdp_profile set updated_at = ?, doc = ? where profile_id = ?")) {
            for (Doc d : docs) {
                Jdbc.setInstant(ps, 1, d.profile().updatedAt());
                ps.setString(2, d.json());
                ps.setString(3, d.profile().profileId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void delete(Connection c, Collection<String> profileIds) throws SQLException {
        Jdbc.updateIn(c, "delete from cdp_profile where profile_id", profileIds);
    }
}

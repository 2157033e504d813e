package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;

/**
 * SQL on {@code cdp_match_link}: fragments that joined a profile by probability, the stored fragment they were matched
 * to, the score and the per-field contributions. A row belongs to the stored version of its {@code from} fragment.
 */
public final class MatchLinkTable {

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Double>> CONTRIBUTIONS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    /** One probabilistic link. */
    public record Row(FragmentKey from, FragmentKey to, double score, Map<String, Double> contributions,
            Instant linkedAt) {
    }

    private MatchLinkTable() {
    }

    /** The links whose {@code from} fragment belongs to one of the profiles. */
    public static List<Row> ofProfiles(Connection c, Collection<String> profileIds) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (Jdbc.In in : Jdbc.in(c, profileIds)) {
            String sql = "select l.source, l.source_record_id, l.to_source, l.to_source_record_id, l.score,"
                    + " l.contributions, l.linked_at from cdp_match_link l"
                    + " join cdp_fragment f on f.source = l.source and f.source_record_id = l.source_record_id"
                    + " where f.profile_id " + in.sql()
                    + " order by l.linked_at, l.source, l.source_record_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                in.bind(ps, 1);
                Jdbc.forEachRow(ps, rs -> rows.add(new Row(new FragmentKey(rs.getString(1), rs.getString(2)),
                        new FragmentKey(rs.getString(3), rs.getString(4)), rs.getDouble(5),
                        CdpJson.read(rs.getString(6), CONTRIBUTIONS), Jdbc.getInstant(rs, "linked_at"))));
            }
        }
        return rows;
    }

    /** Deletes the links of these {@code from} fragments. */
    public static void delete(Connection c, Collection<FragmentKey> fragments) throws SQLException {
        FragmentKeys.delete(c, "cdp_match_link", fragments);
    }

    public static void insert(Connection c, Collection<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into cdp_match_link (source, source_record_id,"
                + " to_source, to_source_record_id, score, contributions, linked_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                ps.setString(1, row.from().source());
                ps.setString(2, row.from().sourceRecordId());
                ps.setString(3, row.to().source());
                ps.setString(4, row.to().sourceRecordId());
                ps.setDouble(5, row.score());
                ps.setString(6, CdpJson.write(row.contributions()));
                Jdbc.setInstant(ps, 7, row.linkedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

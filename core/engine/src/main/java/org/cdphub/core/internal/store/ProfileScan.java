package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code cdp_profile} in id order, a keyset page per query, as raw documents (parsed by the caller). */
public final class ProfileScan {

    /** One stored profile: its id and the JSON of its computed profile. */
    public record StoredDoc(String profileId, String doc) {
    }

    private ProfileScan() {
    }

    /** Up to {@code limit} profiles with ids after {@code afterId} (empty: from the start), in id order. */
    public static List<StoredDoc> after(Connection c, String afterId, int limit) throws SQLException {
        List<StoredDoc> page = new ArrayList<>(Math.min(limit, 10_000));
        // limit in the query, not only setMaxRows: PostgreSQL then plans the keyset page as an index range
        try (PreparedStatement ps = c.prepareStatement(
                "select profile_id, doc from cdp_profile where profile_id > ? order by profile_id limit ?")) {
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setInt(2, limit);
            ps.setFetchSize(Math.min(limit, 1_000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(new StoredDoc(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return page;
    }
}

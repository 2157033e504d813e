package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;

/**
 * SQL on {@code cdp_pending_change}: what a store transaction changed, kept until its announcement has been sent
 * ({@link PendingChanges}). The changes are one JSON document a row: they are written once, read back only when an
 * announcement was lost, and deleted by id.
 */
public final class PendingChangeTable {

    private static final System.Logger LOG = System.getLogger(PendingChangeTable.class.getName());

    /** The document of a row. */
    private record Changes(List<String> profileIds, List<MergeResult.Absorbed> absorbed) {
    }

    private PendingChangeTable() {
    }

    /**
     * Records what {@code result} changed, in the transaction of {@code c}, when it changed profiles.
     *
     * @return {@code result} with the id of the row; unchanged when nothing changed
     */
    public static MergeResult record(Connection c, MergeResult result, Instant now) throws SQLException {
        if (!result.changesProfiles()) {
            return result;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into cdp_pending_change (committed_at, changes) values (?, ?)", new String[] {"id"})) {
            Jdbc.setInstant(ps, 1, now);
            ps.setString(2, CdpJson.write(new Changes(result.changedProfileIds(), result.absorbed())));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for a pending change");
                }
                return result.withPendingChange(keys.getLong(1));
            }
        }
    }

    /**
     * Rows committed (or claimed) before {@code before}, oldest first, at most {@code max}, locked and given the time
     * {@code now}; rows another transaction holds are skipped, so that two sweeps (two nodes) never claim one row, and
     * once this transaction commits the rows are too young for the other. A row whose document cannot be read (it
     * never happens unless the table was edited by hand) is logged with its content and deleted: it cannot be
     * announced. The transaction must be READ COMMITTED ({@link #readCommitted}).
     *
     * @return the claimed rows, with the time they were committed or last claimed
     */
    public static List<PendingChanges.Pending> claimDue(Connection c, Instant before, Instant now, int max)
            throws SQLException {
        List<PendingChanges.Pending> due = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, committed_at, changes from cdp_pending_change"
                + " where committed_at < ? order by committed_at, id fetch first " + max
                + " rows only for update skip locked")) {
            Jdbc.setInstant(ps, 1, before);
            Jdbc.forEachRow(ps, rs -> {
                long id = rs.getLong("id");
                String json = rs.getString("changes");
                try {
                    Changes changes = CdpJson.read(json, Changes.class);
                    due.add(new PendingChanges.Pending(id, Jdbc.getInstant(rs, "committed_at"), changes.profileIds(),
                            changes.absorbed()));
                } catch (RuntimeException e) { // not JSON, or a list missing
                    LOG.log(System.Logger.Level.ERROR, "pending change " + id + " cannot be read and is deleted: "
                            + e.getMessage() + "; it was: " + json);
                    unreadable.add(id);
                }
            });
        }
        try (PreparedStatement ps = c.prepareStatement("update cdp_pending_change set committed_at = ? where id = ?")) {
            for (PendingChanges.Pending p : due) {
                Jdbc.setInstant(ps, 1, now);
                ps.setLong(2, p.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        delete(c, unreadable);
        return due;
    }

    /**
     * Makes the transaction of {@code c} READ COMMITTED, whatever the server's default: under REPEATABLE READ a claim
     * or a delete of a row another transaction changed would fail instead of skipping or waiting.
     */
    public static void readCommitted(Connection c) throws SQLException {
        if (Jdbc.isH2(c)) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } else {
            try (var s = c.createStatement()) {
                s.execute("set transaction isolation level read committed");
            }
        }
    }

    /** Deletes the rows with these ids, in the order of their ids (as claims lock them, mostly); one batch. */
    public static void delete(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from cdp_pending_change where id = ?")) {
            for (long id : new java.util.TreeSet<>(ids)) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

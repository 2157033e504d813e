package org.cdphub.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Fragment;

/**
 * SQL on {@code cdp_fragment_tombstone}: source records whose fragment was removed, and what stays out since: versions
 * observed up to the removed one (the source's clock) and versions sent before the removal (the connector runtime's
 * clock).
 */
public final class TombstoneTable {

    /**
     * What a removal keeps out: versions observed at or before {@code observedAt} (the removed version; null when none
     * was stored) and versions sent at or before {@code sentAt} (when the removal was sent; null when unknown).
     */
    public record Tombstone(Instant observedAt, Instant sentAt) {

        /**
         * Whether a version observed at {@code versionObservedAt} and sent at {@code versionSentAt} (null: unknown)
         * stays out: when both send times are known, by them alone (sent at or before the removal), so that the
         * outcome depends neither on the order the two arrive in nor on the source's clock; otherwise when it is not
         * newer than the removed version.
         */
        public boolean keepsOut(Instant versionObservedAt, Instant versionSentAt) {
            if (sentAt != null && versionSentAt != null) {
                return !versionSentAt.isAfter(sentAt);
            }
            return observedAt != null && !versionObservedAt.isAfter(observedAt);
        }

        /** This tombstone and a later removal sent at {@code removalSentAt} together (null: unknown). */
        public Tombstone andSentAt(Instant removalSentAt) {
            return removalSentAt == null || sentAt != null && !sentAt.isBefore(removalSentAt) ? this
                    : new Tombstone(observedAt, removalSentAt);
        }
    }

    /**
     * How long after the observation of an expired version its tombstone is kept: {@link Fragment#MAX_TIME_TO_LIVE},
     * the longest any version observed before it can live, and a day for the clocks of the nodes (one that forgets
     * and one that merges) to differ by.
     */
    public static final Duration FORGET_AFTER = Fragment.MAX_TIME_TO_LIVE.plusDays(1);

    private TombstoneTable() {
    }

    /** The tombstones of those of {@code keys} that have one. */
    public static Map<FragmentKey, Tombstone> of(Connection c, Collection<FragmentKey> keys) throws SQLException {
        Map<FragmentKey, Tombstone> removed = new HashMap<>();
        FragmentKeys.select(c, "t.source, t.source_record_id, t.observed_at, t.sent_at", "cdp_fragment_tombstone", keys,
                rs -> removed.put(new FragmentKey(rs.getString(1), rs.getString(2)),
                        new Tombstone(Jdbc.getInstant(rs, "observed_at"), Jdbc.getInstant(rs, "sent_at"))));
        return removed;
    }

    /**
     * Sets the tombstone of each key (replacing one it had), removed at {@code removedAt}, never forgotten with time;
     * one batch.
     */
    public static void putAll(Connection c, Map<FragmentKey, Tombstone> tombstones, Instant removedAt)
            throws SQLException {
        putAll(c, tombstones, removedAt, false);
    }

    /**
     * As {@link #putAll(Connection, Map, Instant)}; {@code expired}: the records' removed versions had an expiry that
     * passed, so each tombstone is forgotten {@link #FORGET_AFTER} after that version was observed ({@link #forget}):
     * every version it keeps out (observed at or before that one) that has an expiry has expired by then (a version
     * without one would be taken again). A tombstone without a removed version or with a send time (it keeps out
     * what was sent before an erasure) is kept.
     */
    public static void putAll(Connection c, Map<FragmentKey, Tombstone> tombstones, Instant removedAt,
            boolean expired) throws SQLException {
        if (tombstones.isEmpty()) {
            return;
        }
        delete(c, tombstones.keySet());
        try (PreparedStatement ps = c.prepareStatement("insert into cdp_fragment_tombstone"
                + " (source, source_record_id, observed_at, removed_at, sent_at, forget_at) values (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<FragmentKey, Tombstone> e : tombstones.entrySet()) {
                Instant observedAt = e.getValue().observedAt();
                ps.setString(1, e.getKey().source());
                ps.setString(2, e.getKey().sourceRecordId());
                Jdbc.setInstant(ps, 3, observedAt);
                Jdbc.setInstant(ps, 4, removedAt);
                Jdbc.setInstant(ps, 5, e.getValue().sentAt());
                Jdbc.setInstant(ps, 6, expired && observedAt != null
                        && e.getValue().sentAt() == null ? observedAt.plus(FORGET_AFTER) : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether a tombstone is due to be forgotten at {@code now}. */
    public static boolean anyToForget(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from cdp_fragment_tombstone where forget_at <= ? fetch first 1 rows only")) {
            Jdbc.setInstant(ps, 1, now);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Deletes up to {@code max} tombstones whose time to be forgotten is at or before {@code now} (those of expired
     * records, {@link #putAll(Connection, Map, Instant, boolean)}), the earliest first.
     *
     * @return how many went
     */
    public static int forget(Connection c, Instant now, int max) throws SQLException {
        List<FragmentKey> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select source, source_record_id from cdp_fragment_tombstone"
                + " where forget_at <= ? order by forget_at fetch first ? rows only")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setInt(2, max);
            Jdbc.forEachRow(ps, rs -> due.add(new FragmentKey(rs.getString(1), rs.getString(2))));
        }
        delete(c, due);
        return due.size();
    }

    /**
     * The records of {@code revived} (with their tombstones) have a version again: a tombstone without a send time
     * goes; one with a send time stays without its removed version, to keep out what was sent before the removal
     * should it still arrive (the stored version no longer does when the source's clock runs behind).
     */
    public static void revived(Connection c, Map<FragmentKey, Tombstone> revived) throws SQLException {
        List<FragmentKey> gone = new ArrayList<>();
        List<FragmentKey> kept = new ArrayList<>();
        revived.forEach((key, t) -> {
            if (t.sentAt() == null) {
                gone.add(key);
            } else if (t.observedAt() != null) {
                kept.add(key);
            }
        });
        delete(c, gone);
        FragmentKeys.update(c, "cdp_fragment_tombstone", "observed_at = null", kept);
    }

    public static void delete(Connection c, Collection<FragmentKey> keys) throws SQLException {
        FragmentKeys.delete(c, "cdp_fragment_tombstone", keys);
    }
}

package org.cdphub.core.internal.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.cdphub.api.service.PendingChanges;

/**
 * {@link PendingChanges} in {@code cdp_pending_change} ({@link PendingChangeTable}), each call in a short transaction
 * of its own. No store lock: rows are added under it by the engine's writers, and claimed (row locks) or deleted here.
 */
public final class JdbcPendingChanges implements PendingChanges {

    /** Most changes a call lists. */
    public static final int MAX_LISTED = 10_000;

    private final DataSource dataSource;

    public JdbcPendingChanges(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<Pending> claimDue(Instant before, Instant now, int max) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(now, "now");
        if (max < 1 || max > MAX_LISTED) {
            throw new IllegalArgumentException("max must be 1 to " + MAX_LISTED + ", got " + max);
        }
        return Jdbc.inTransaction(dataSource, c -> {
            PendingChangeTable.readCommitted(c);
            return PendingChangeTable.claimDue(c, before, now, max);
        });
    }

    @Override
    public void announced(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            Jdbc.inTransaction(dataSource, c -> {
                PendingChangeTable.readCommitted(c);
                PendingChangeTable.delete(c, ids);
                return null;
            });
        }
    }
}

package org.cdphub.connector.crm.jdbc.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.RouteIds;

/**
 * One batch of rows, mapped: what to send where, and the position to save once it has been sent.
 *
 * @param last the position of the batch's last row, null when the batch is empty
 * @param full whether the batch had as many rows as asked for, so more may follow at once
 */
record Batch(List<Fragment> fragments, List<String> removals, List<DeadLetter> deadLetters, int rowsRead,
        Position last, boolean full) {

    /** Maps every row of {@code raw}; rejected rows become dead letters stamped {@code now}. */
    static Batch of(ContactReader.RawBatch raw, int batchSize, ContactMapper mapper, String connectorId,
            Instant now) {
        List<Fragment> fragments = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        String stage = RouteIds.connector(connectorId, "map");
        for (SourceRow row : raw.rows()) {
            MapResult result = mapper.map(row);
            if (result instanceof MapResult.Mapped m) {
                fragments.add(m.fragment());
            } else if (result instanceof MapResult.Removed r) {
                removals.add(r.key());
            } else if (result instanceof MapResult.Rejected r) {
                deadLetters.add(new DeadLetter(stage, connectorId, mapper.location(row.key()), r.reason(), r.raw(),
                        now));
            }
        }
        return new Batch(List.copyOf(fragments), List.copyOf(removals), List.copyOf(deadLetters), raw.rows().size(),
                raw.last(), raw.rows().size() >= batchSize);
    }
}

package org.cdphub.connector.crm.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorMetrics;

/**
 * Archived (deleted) contacts become erasures: lists {@code GET /crm/v3/objects/contacts?archived=true} page by page
 * and sends the ids of those archived after the checkpoint to the removals URI. The list is ordered by id, not by
 * {@code archivedAt}, so the checkpoint moves only when the whole list was read, and never past the time the listing
 * began minus {@link #LAG} (a contact archived while the list was read, or indexed late, is found the next time).
 * Sending an erasure twice is harmless.
 */
final class DeletionSync {

    static final String KEY = "contacts.archivedSince";
    static final Duration LAG = Duration.ofMinutes(5);
    /** HubSpot's list endpoints answer at most 100 objects per page. */
    static final int MAX_PAGE = 100;

    private final CrmRestSettings settings;
    private final HubSpotClient client;
    private final Clock clock;

    DeletionSync(CrmRestSettings settings, HubSpotClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    /** @return how many erasures were sent */
    long run(Checkpoints checkpoints, Outbox outbox, ConnectorMetrics metrics) throws InterruptedException {
        Instant since = since(checkpoints);
        Instant cutoff = clock.instant().minus(LAG);
        Instant newest = since;
        long removed = 0;
        String after = null;
        do {
            JsonNode page = client.archivedContacts(Math.min(settings.limit(), MAX_PAGE), after);
            List<String> ids = new ArrayList<>();
            for (JsonNode contact : page.path("results")) {
                String id = contact.path("id").asText("").strip();
                Instant archivedAt = archivedAt(contact);
                if (id.isEmpty() || (archivedAt != null && !archivedAt.isAfter(since))) {
                    continue;
                }
                ids.add(id); // no readable archivedAt: erase anyway, an unknown id changes nothing
                if (archivedAt != null && archivedAt.isAfter(newest)) {
                    newest = archivedAt;
                }
            }
            if (!ids.isEmpty()) {
                metrics.recordsRead(ids.size());
                outbox.removals(ids);
                removed += ids.size();
            }
            after = page.path("paging").path("next").path("after").asText("");
        } while (!after.isEmpty());
        Instant next = newest.isAfter(cutoff) ? (cutoff.isAfter(since) ? cutoff : since) : newest;
        checkpoints.put(KEY, next.toString());
        return removed;
    }

    private Instant since(Checkpoints checkpoints) {
        try {
            return checkpoints.get(KEY).map(Instant::parse).orElse(settings.syncSince());
        } catch (DateTimeParseException e) {
            return settings.syncSince();
        }
    }

    private static Instant archivedAt(JsonNode contact) {
        try {
            String value = contact.path("archivedAt").asText("");
            return value.isEmpty() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

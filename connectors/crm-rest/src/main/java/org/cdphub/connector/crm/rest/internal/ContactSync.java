package org.cdphub.connector.crm.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.cdphub.spi.connector.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incremental pass over the contacts changed since the checkpoint: search page by page (oldest change first),
 * map, deliver each page (fragments, then the ids merged away, then dead letters) and save the position after each
 * page. A crash or failure therefore replays at most one page.
 *
 * <p>HubSpot's search answers at most 10,000 results per query (a cursor past that is refused with HTTP 400). Before
 * the cursor would pass that, the query starts again from the newest {@code lastmodifieddate} sent. Should more than
 * 10,000 contacts share one millisecond, the rest of them cannot be reached by search: they are skipped, and the
 * failure says so.
 */
final class ContactSync {

    static final int SEARCH_CAP = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ContactSync.class);

    private final CrmRestSettings settings;
    private final HubSpotClient client;
    private final ContactMapper mapper;
    private final Clock clock;
    private final int searchCap;

    ContactSync(CrmRestSettings settings, HubSpotClient client, Clock clock) {
        this(settings, client, clock, SEARCH_CAP);
    }

    /** @param searchCap results one search query may page through (HubSpot: 10,000; smaller in tests) */
    ContactSync(CrmRestSettings settings, HubSpotClient client, Clock clock, int searchCap) {
        this.settings = settings;
        this.client = client;
        this.mapper = new ContactMapper(settings.id(), settings.normalizer());
        this.clock = clock;
        this.searchCap = searchCap;
    }

    /** Reads everything changed since the checkpoint. Throws when a request or a delivery fails for good. */
    Summary run(Checkpoints checkpoints, Outbox outbox, ConnectorMetrics metrics) throws InterruptedException {
        SyncPosition position = SyncPosition.load(checkpoints, settings.syncSince());
        String querySince = position.sinceMillis();
        String after = null;
        int inQuery = 0;
        Summary summary = new Summary();
        while (true) {
            JsonNode page = client.searchContacts(SearchRequest.body(querySince, settings.properties(),
                    settings.limit(), after));
            JsonNode results = page.path("results");
            metrics.recordsRead(results.size());
            position = deliver(results, position, outbox, summary);
            position.save(checkpoints);
            inQuery += results.size();
            String next = page.path("paging").path("next").path("after").asText("");
            if (next.isEmpty() || results.isEmpty()) {
                return summary;
            }
            if (inQuery + settings.limit() <= searchCap) {
                after = next;
                continue;
            }
            if (!position.sinceMillis().equals(querySince)) {
                LOG.debug("{}: {} contacts read in this query, searching again from {}", settings.id(), inQuery,
                        position.since());
            } else {
                metrics.failure("contacts search: more than " + searchCap + " contacts have lastmodifieddate "
                        + position.since() + "; those past the search limit are skipped");
                position = new SyncPosition(position.since().plusMillis(1), Set.of());
                position.save(checkpoints);
            }
            querySince = position.sinceMillis();
            after = null;
            inQuery = 0;
        }
    }

    private SyncPosition deliver(JsonNode results, SyncPosition start, Outbox outbox, Summary summary) {
        SyncPosition position = start;
        List<Fragment> fragments = new ArrayList<>();
        List<String> merged = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        for (JsonNode contact : results) {
            MapResult result = mapper.map(contact);
            if (result instanceof MapResult.Mapped m) {
                if (!start.sent(m.id(), m.modifiedAt())) {
                    fragments.add(m.fragment());
                    merged.addAll(m.mergedIds());
                }
                position = position.after(m.id(), m.modifiedAt());
            } else if (result instanceof MapResult.Rejected r) {
                // a rejected version is delivered too (as a dead letter): the position moves past it
                boolean known = !r.id().isEmpty() && r.modifiedAt() != null;
                if (!known || !start.sent(r.id(), r.modifiedAt())) {
                    rejected.add(deadLetter(contact, r));
                }
                if (known) {
                    position = position.after(r.id(), r.modifiedAt());
                }
            }
        }
        if (!fragments.isEmpty()) {
            outbox.fragments(fragments);
        }
        if (!merged.isEmpty()) {
            outbox.removals(merged);
        }
        rejected.forEach(outbox::deadLetter);
        summary.add(results.size(), fragments.size(), merged.size(), rejected.size());
        return position;
    }

    private DeadLetter deadLetter(JsonNode contact, MapResult.Rejected r) {
        String location = "contacts/" + (r.id().isEmpty() ? "?" : r.id());
        return new DeadLetter(RouteIds.connector(settings.id(), "map"), settings.id(), location, r.reason(),
                contact.toString(), clock.instant());
    }

    /** What one pass did, for the log. */
    static final class Summary {
        long read;
        long fragments;
        long merged;
        long rejected;

        void add(long r, long f, long m, long x) {
            read += r;
            fragments += f;
            merged += m;
            rejected += x;
        }

        @Override
        public String toString() {
            return read + " contacts read, " + fragments + " fragments, " + merged + " merged away, " + rejected
                    + " rejected";
        }
    }
}

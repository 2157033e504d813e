package org.cdphub.connector.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.cdphub.spi.connector.RouteIds;
import org.cdphub.spi.connector.support.http.RetryingHttp;

/**
 * Reads past orders over the REST API v3: {@code GET <site>/wp-json/wc/v3/orders?per_page=100&page=<n>} ordered by
 * modification time ascending, modified after the checkpoint, page by page until {@code X-WP-TotalPages}. Each page
 * is mapped and handed to the sink; only then is the checkpoint (the latest {@code date_modified_gmt} seen) saved, so a
 * restart re-reads at most one page. {@code modified_after} is exclusive, so the query starts one second before the
 * checkpoint and orders modified in the same second are never skipped. A page that cannot be fetched ends the run with
 * {@link ConnectorMetrics#failure(String)}; the next run resumes from the checkpoint.
 */
final class WooBackfill {

    static final String CHECKPOINT = "orders.date_modified_gmt";
    static final int PER_PAGE = 100;

    /** Where a page's results go; returns once they are safely handed over. */
    @FunctionalInterface
    interface Sink {
        void send(List<Fragment> fragments, List<DeadLetter> deadLetters);
    }

    private final WooSettings settings;
    private final RetryingHttp http;
    private final ProductCategories categories;
    private final WooMapper mapper;
    private final Checkpoints checkpoints;
    private final ConnectorMetrics metrics;
    private final Clock clock;

    WooBackfill(WooSettings settings, RetryingHttp http, Checkpoints checkpoints, ConnectorMetrics metrics, Clock clock) {
        this(settings, http, null, checkpoints, metrics, clock);
    }

    /** @param categories completes the categories of the orders; null for none */
    WooBackfill(WooSettings settings, RetryingHttp http, ProductCategories categories, Checkpoints checkpoints,
            ConnectorMetrics metrics, Clock clock) {
        this.categories = categories;
        this.settings = settings;
        this.http = http;
        this.mapper = new WooMapper(settings.id(), settings.normalizer());
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Page {@code n} of everything modified since the checkpoint (or {@code backfill.since}). */
    URI page(Optional<Instant> since, int n) {
        StringBuilder url = new StringBuilder(settings.siteUrl().toString())
                .append("/wp-json/wc/v3/orders?per_page=").append(PER_PAGE).append("&page=").append(n)
                .append("&orderby=modified&order=asc&dates_are_gmt=true");
        since.ifPresent(s -> url.append("&modified_after=")
                .append(URLEncoder.encode(s.minusSeconds(1).toString(), StandardCharsets.UTF_8)));
        return URI.create(url.toString());
    }

    /** One run through all pages; returns the number of orders read. Interrupted runs stop between requests. */
    int run(Sink sink) throws InterruptedException {
        Optional<Instant> since = checkpoints.get(CHECKPOINT).flatMap(this::parse)
                .or(() -> Optional.ofNullable(settings.backfillSince()));
        int read = 0;
        for (int n = 1;; n++) {
            HttpResponse<String> response;
            JsonNode orders;
            try {
                response = http.get(page(since, n));
                orders = CdpJson.mapper().readTree(response.body());
            } catch (RetryingHttp.FailedRequest e) {
                metrics.failure("backfill stopped at page " + n + ": " + e.getMessage());
                return read;
            } catch (IOException e) {
                metrics.failure("backfill stopped at page " + n + ": the answer is not JSON");
                return read;
            }
            if (!orders.isArray()) {
                metrics.failure("backfill stopped at page " + n + ": expected a JSON array of orders");
                return read;
            }
            Map<String, List<String>> found;
            try {
                found = categories(orders);
            } catch (RetryingHttp.FailedRequest e) {
                metrics.failure("backfill: product categories of page " + n + " not found, orders go without them: "
                        + e.getMessage());
                found = Map.of();
            }
            read += handle(orders, n, found, sink);
            int total = response.headers().firstValue("X-WP-TotalPages").map(WooBackfill::integer).orElse(-1);
            if (orders.isEmpty() || (total >= 0 ? n >= total : orders.size() < PER_PAGE)) {
                return read;
            }
        }
    }

    /** One lookup for the products of a whole page. */
    private Map<String, List<String>> categories(JsonNode orders) throws RetryingHttp.FailedRequest,
            InterruptedException {
        if (categories == null) {
            return Map.of();
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        orders.forEach(order -> ids.addAll(ProductCategories.missing(order)));
        return ids.isEmpty() ? Map.of() : categories.of(ids);
    }

    private int handle(JsonNode orders, int pageNumber, Map<String, List<String>> found, Sink sink) {
        Instant received = clock.instant();
        List<Fragment> fragments = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        Instant latest = null;
        for (JsonNode order : orders) {
            Mapped mapped = mapper.order(order, received, Map.of("api", "wc/v3/orders"), found);
            if (mapped instanceof Mapped.Accepted accepted) {
                fragments.add(accepted.fragment());
            } else {
                dead.add(new DeadLetter(RouteIds.connector(settings.id(), "backfill"), settings.id(),
                        "wc/v3/orders page " + pageNumber, ((Mapped.Refused) mapped).reason(), order.toString(),
                        received));
            }
            latest = later(latest, order);
        }
        metrics.recordsRead(orders.size());
        sink.send(fragments, dead);
        if (latest != null) {
            checkpoints.put(CHECKPOINT, latest.toString());
        }
        return orders.size();
    }

    private static Instant later(Instant latest, JsonNode order) {
        try {
            Instant modified = Json.gmt(order, "date_modified_gmt");
            return modified != null && (latest == null || modified.isAfter(latest)) ? modified : latest;
        } catch (IllegalArgumentException e) {
            return latest;
        }
    }

    private Optional<Instant> parse(String checkpoint) {
        try {
            return Optional.of(Instant.parse(checkpoint));
        } catch (java.time.format.DateTimeParseException e) {
            metrics.failure("backfill: ignoring unreadable checkpoint '" + checkpoint + "'");
            return Optional.empty();
        }
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

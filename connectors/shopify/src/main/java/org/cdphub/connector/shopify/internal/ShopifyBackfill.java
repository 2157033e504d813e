package org.cdphub.connector.shopify.internal;

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
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.cdphub.spi.connector.RouteIds;
import org.cdphub.spi.connector.support.http.RetryingHttp;

/**
 * Reads past orders over the Admin REST API: {@code GET /admin/api/<version>/orders.json?status=any&limit=250}
 * sorted by {@code updated_at} ascending from the checkpoint on, following the {@code Link: <...>; rel="next"}
 * cursor. Each page is mapped and handed to the sink; only then is the checkpoint (the latest {@code updated_at}
 * seen) saved, so a restart re-reads at most one page and never skips one. A page that cannot be fetched ends the run
 * with {@link ConnectorMetrics#failure(String)}; the next run resumes from the checkpoint.
 */
final class ShopifyBackfill {

    static final String CHECKPOINT = "orders.updated_at";
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([A-Za-z]+)\"?");

    /** Where a page's results go; returns once they are safely handed over. */
    @FunctionalInterface
    interface Sink {
        void send(List<Fragment> fragments, List<DeadLetter> deadLetters);
    }

    private final ShopifySettings settings;
    private final RetryingHttp http;
    private final ProductTypes productTypes;
    private final ShopifyMapper mapper;
    private final Checkpoints checkpoints;
    private final ConnectorMetrics metrics;
    private final Clock clock;

    ShopifyBackfill(ShopifySettings settings, RetryingHttp http, Checkpoints checkpoints, ConnectorMetrics metrics,
            Clock clock) {
        this(settings, http, null, checkpoints, metrics, clock);
    }

    /** @param productTypes completes the categories of the orders; null for none */
    ShopifyBackfill(ShopifySettings settings, RetryingHttp http, ProductTypes productTypes, Checkpoints checkpoints,
            ConnectorMetrics metrics, Clock clock) {
        this.productTypes = productTypes;
        this.settings = settings;
        this.http = http;
        this.mapper = new ShopifyMapper(settings.id(), settings.normalizer(), settings.categoryField());
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The first page's URL: everything updated since the checkpoint (or {@code backfill.since}). */
    URI firstPage() {
        StringBuilder url = new StringBuilder(settings.apiBase().toString())
                .append("/admin/api/").append(settings.apiVersion())
                .append("/orders.json?status=any&limit=250&order=").append(encode("updated_at asc"));
        Optional<String> since = checkpoints.get(CHECKPOINT)
                .or(() -> Optional.ofNullable(settings.backfillSince()).map(Instant::toString));
        since.ifPresent(s -> url.append("&updated_at_min=").append(encode(s)));
        return URI.create(url.toString());
    }

    /** One run through all pages; returns the number of orders read. Interrupted runs stop between requests. */
    int run(Sink sink) throws InterruptedException {
        int read = 0;
        URI page = firstPage();
        for (int n = 1; page != null; n++) {
            HttpResponse<String> response;
            JsonNode orders;
            try {
                response = http.get(page);
                orders = CdpJson.mapper().readTree(response.body()).path("orders");
            } catch (RetryingHttp.FailedRequest e) {
                metrics.failure("backfill stopped at page " + n + ": " + e.getMessage());
                return read;
            } catch (IOException e) {
                metrics.failure("backfill stopped at page " + n + ": the answer is not JSON");
                return read;
            }
            Map<String, String> types;
            try {
                types = productTypes(orders);
            } catch (RetryingHttp.FailedRequest e) {
                metrics.failure("backfill: product types of page " + n + " not found, orders go without categories: "
                        + e.getMessage());
                types = Map.of();
            }
            read += handle(orders, n, types, sink);
            page = next(response).orElse(null);
        }
        return read;
    }

    /** One lookup for the products of a whole page. */
    private Map<String, String> productTypes(JsonNode orders) throws RetryingHttp.FailedRequest, InterruptedException {
        if (productTypes == null) {
            return Map.of();
        }
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        orders.forEach(order -> ids.addAll(ProductTypes.missing(order, settings.categoryField())));
        return ids.isEmpty() ? Map.of() : productTypes.of(ids);
    }

    private int handle(JsonNode orders, int pageNumber, Map<String, String> types, Sink sink) {
        Instant received = clock.instant();
        List<Fragment> fragments = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        Instant latest = null;
        for (JsonNode order : orders) {
            Mapped mapped = mapper.order(order, received, Map.of("api", "orders.json"), types);
            if (mapped instanceof Mapped.Accepted accepted) {
                fragments.add(accepted.fragment());
            } else {
                dead.add(new DeadLetter(RouteIds.connector(settings.id(), "backfill"), settings.id(),
                        "orders.json page " + pageNumber, ((Mapped.Refused) mapped).reason(), order.toString(),
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
            Instant updated = Json.instant(order, "updated_at");
            return updated != null && (latest == null || updated.isAfter(latest)) ? updated : latest;
        } catch (IllegalArgumentException e) {
            return latest;
        }
    }

    /** The {@code rel="next"} link, if it points at the same API (the access token goes nowhere else). */
    private Optional<URI> next(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Link")) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                if ("next".equals(m.group(2))) {
                    URI next = URI.create(m.group(1));
                    URI base = settings.apiBase();
                    if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(), base.getHost())
                            || next.getPort() != base.getPort()) {
                        metrics.failure("backfill stopped: the next page link points at another host: " + next.getHost());
                        return Optional.empty();
                    }
                    return Optional.of(next);
                }
            }
        }
        return Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

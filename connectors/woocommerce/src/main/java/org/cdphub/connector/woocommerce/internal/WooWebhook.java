package org.cdphub.connector.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.RouteIds;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.cdphub.spi.connector.support.http.WebhookSignature;

/**
 * Turns one webhook delivery into what to pass on. WooCommerce's ping ({@code webhook_id=<n>}, sent unsigned when a
 * webhook is saved) is answered 200 and nothing else happens. Any other delivery must carry a valid
 * {@code X-WC-Webhook-Signature} over its raw bytes, or it is refused (401) without its body being parsed. A verified
 * delivery is always answered 200, so that WooCommerce does not count it as failed and disable the webhook: what
 * cannot be mapped becomes a dead letter with the reason.
 */
final class WooWebhook {

    static final Set<String> ORDER_TOPICS = Set.of("order.created", "order.updated");
    static final Set<String> CUSTOMER_TOPICS = Set.of("customer.created", "customer.updated");
    static final Set<String> DELETE_TOPICS = Set.of("order.deleted", "customer.deleted");
    private static final Pattern PING = Pattern.compile("webhook_id=\\d{1,19}");

    /** What a delivery became. {@code status} 401 means refused; then every list is empty. */
    record Outcome(int status, List<Fragment> fragments, List<String> removals, List<DeadLetter> deadLetters,
            String note) {

        static Outcome refused() {
            return new Outcome(401, List.of(), List.of(), List.of(), "refused");
        }

        static Outcome nothing(String note) {
            return new Outcome(200, List.of(), List.of(), List.of(), note);
        }

        boolean refusedSignature() {
            return status == 401;
        }
    }

    private final String source;
    private final WebhookSignature signature;
    private final WooMapper mapper;
    private final ProductCategories categories;
    private final Clock clock;

    WooWebhook(WooSettings settings, Clock clock) {
        this(settings, null, clock);
    }

    /** @param categories looks up the categories of order line items; null without REST API keys */
    WooWebhook(WooSettings settings, ProductCategories categories, Clock clock) {
        this.categories = categories;
        this.source = settings.id();
        this.signature = new WebhookSignature(settings.webhookSecret());
        this.mapper = new WooMapper(settings.id(), settings.normalizer());
        this.clock = clock;
    }

    /** Categories of the order's products; when the lookup fails the order still goes on and its provenance says why. */
    private Map<String, List<String>> categories(JsonNode order, Map<String, String> provenance) {
        List<String> missing = categories == null ? List.of() : ProductCategories.missing(order);
        if (missing.isEmpty()) {
            return Map.of();
        }
        try {
            return categories.of(missing);
        } catch (RetryingHttp.FailedRequest e) {
            provenance.put("categories", "product lookup failed: " + e.getMessage());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            provenance.put("categories", "product lookup interrupted");
            return Map.of();
        }
    }

    Outcome handle(byte[] body, String hmac, String topic, String deliveryId) {
        if (hmac == null && body.length < 64 && PING.matcher(new String(body, StandardCharsets.US_ASCII).strip()).matches()) {
            return Outcome.nothing("ping");
        }
        if (!signature.verify(body, hmac)) {
            return Outcome.refused();
        }
        String t = topic == null ? "" : topic.strip();
        if (!ORDER_TOPICS.contains(t) && !CUSTOMER_TOPICS.contains(t) && !DELETE_TOPICS.contains(t)) {
            return Outcome.nothing("ignored");
        }
        Instant received = clock.instant();
        String location = "topic " + t + (deliveryId == null ? "" : ", delivery " + deliveryId);
        JsonNode json;
        try {
            json = CdpJson.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return dead(location, "body is not a JSON object", body, received);
        }
        if (DELETE_TOPICS.contains(t)) {
            String id = Json.text(json, "id");
            if (id == null) {
                return dead(location, t + " names no id to remove", body, received);
            }
            String record = t.startsWith("order.") ? WooMapper.orderRecord(id) : WooMapper.customerRecord(id);
            return new Outcome(200, List.of(), List.of(record), List.of(), "removed");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("topic", t);
        Mapped mapped = ORDER_TOPICS.contains(t)
                ? mapper.order(json, received, provenance, categories(json, provenance))
                : mapper.customer(json, received, provenance);
        if (mapped instanceof Mapped.Accepted accepted) {
            return new Outcome(200, List.of(accepted.fragment()), List.of(), List.of(), "mapped");
        }
        return dead(location, ((Mapped.Refused) mapped).reason(), body, received);
    }

    private Outcome dead(String location, String reason, byte[] body, Instant received) {
        DeadLetter letter = new DeadLetter(RouteIds.connector(source, "map"), source, location, reason,
                new String(body, StandardCharsets.UTF_8), received);
        return new Outcome(200, List.of(), List.of(), List.of(letter), "dead-lettered");
    }
}

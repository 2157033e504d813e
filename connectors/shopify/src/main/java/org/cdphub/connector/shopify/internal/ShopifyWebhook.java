package org.cdphub.connector.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.RouteIds;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.cdphub.spi.connector.support.http.WebhookSignature;

/**
 * Turns one webhook delivery into what to pass on. The signature is checked first, over the raw bytes; a delivery
 * that fails it is refused (401) without its body being parsed. A verified delivery is always answered 200, so that
 * Shopify does not retry it for days: what cannot be mapped becomes a dead letter with the reason.
 */
final class ShopifyWebhook {

    static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated", "orders/paid", "orders/cancelled");
    static final Set<String> CUSTOMER_TOPICS = Set.of("customers/create", "customers/update");

    /** What a delivery became. {@code status} 401 means refused; then every list is empty. */
    record Outcome(int status, List<Fragment> fragments, List<String> removals, List<DeadLetter> deadLetters,
            boolean ignored) {

        static Outcome refused() {
            return new Outcome(401, List.of(), List.of(), List.of(), false);
        }

        static Outcome ignoredTopic() {
            return new Outcome(200, List.of(), List.of(), List.of(), true);
        }

        boolean refusedSignature() {
            return status == 401;
        }
    }

    private final String source;
    private final WebhookSignature signature;
    private final ShopifyMapper mapper;
    private final ProductTypes productTypes;
    private final String categoryField;
    private final Clock clock;

    ShopifyWebhook(ShopifySettings settings, Clock clock) {
        this(settings, null, clock);
    }

    /** @param productTypes looks up the product types of order line items; null when there is no access token */
    ShopifyWebhook(ShopifySettings settings, ProductTypes productTypes, Clock clock) {
        this.productTypes = productTypes;
        this.categoryField = settings.categoryField();
        this.source = settings.id();
        this.signature = new WebhookSignature(settings.webhookSecret());
        this.mapper = new ShopifyMapper(settings.id(), settings.normalizer(), settings.categoryField());
        this.clock = clock;
    }

    Outcome handle(byte[] body, String hmac, String topic, String webhookId, String shop) {
        if (!signature.verify(body, hmac)) {
            return Outcome.refused();
        }
        String t = topic == null ? "" : topic.strip();
        boolean known = ORDER_TOPICS.contains(t) || CUSTOMER_TOPICS.contains(t)
                || Set.of("customers/delete", "customers/redact", "orders/delete").contains(t);
        if (!known) {
            return Outcome.ignoredTopic();
        }
        Instant received = clock.instant();
        String location = "topic " + t + (webhookId == null ? "" : ", webhook " + webhookId);
        JsonNode json;
        try {
            json = CdpJson.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return dead(location, "body is not a JSON object", body, received);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("topic", t);
        if (shop != null) {
            provenance.put("shop", shop);
        }
        if (ORDER_TOPICS.contains(t)) {
            return mapped(mapper.order(json, received, provenance, productTypes(json, provenance)), location, body,
                    received);
        }
        if (CUSTOMER_TOPICS.contains(t)) {
            return mapped(mapper.customer(json, received, provenance), location, body, received);
        }
        return removals(t, json, location, body, received);
    }

    /**
     * The product types the order's line items lack; when the lookup fails the order still goes on, without those
     * categories, and its provenance says why.
     */
    private Map<String, String> productTypes(JsonNode order, Map<String, String> provenance) {
        List<String> missing = productTypes == null ? List.of() : ProductTypes.missing(order, categoryField);
        if (missing.isEmpty()) {
            return Map.of();
        }
        try {
            return productTypes.of(missing);
        } catch (RetryingHttp.FailedRequest e) {
            provenance.put("categories", "product lookup failed: " + e.getMessage());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            provenance.put("categories", "product lookup interrupted");
            return Map.of();
        }
    }

    /** customers/delete, orders/delete and the GDPR customers/redact: the records to erase. */
    private Outcome removals(String topic, JsonNode json, String location, byte[] body, Instant received) {
        List<String> ids = new ArrayList<>();
        switch (topic) {
            case "customers/delete" -> add(ids, ShopifyMapper::customerRecord, Json.text(json, "id"));
            case "orders/delete" -> add(ids, ShopifyMapper::orderRecord, Json.text(json, "id"));
            default -> { // customers/redact
                add(ids, ShopifyMapper::customerRecord, Json.text(json.path("customer"), "id"));
                for (JsonNode order : json.path("orders_to_redact")) {
                    add(ids, ShopifyMapper::orderRecord, order.isNumber() || order.isTextual() ? order.asText() : null);
                }
            }
        }
        if (ids.isEmpty()) {
            return dead(location, topic + " names no customer or order id to remove", body, received);
        }
        return new Outcome(200, List.of(), ids, List.of(), false);
    }

    private static void add(List<String> ids, java.util.function.UnaryOperator<String> record, String id) {
        if (id != null && !id.isBlank()) {
            ids.add(record.apply(id.strip()));
        }
    }

    private Outcome mapped(Mapped mapped, String location, byte[] body, Instant received) {
        if (mapped instanceof Mapped.Accepted accepted) {
            return new Outcome(200, List.of(accepted.fragment()), List.of(), List.of(), false);
        }
        return dead(location, ((Mapped.Refused) mapped).reason(), body, received);
    }

    private Outcome dead(String location, String reason, byte[] body, Instant received) {
        DeadLetter letter = new DeadLetter(RouteIds.connector(source, "map"), source, location, reason,
                new String(body, StandardCharsets.UTF_8), received);
        return new Outcome(200, List.of(), List.of(), List.of(letter), false);
    }
}

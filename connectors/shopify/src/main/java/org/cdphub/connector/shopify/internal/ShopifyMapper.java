package org.cdphub.connector.shopify.internal;

import static org.cdphub.connector.shopify.internal.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.api.model.OrderEvents;

/**
 * Maps Shopify customers and orders (webhook payloads and Admin REST objects share one shape) to fragments. A customer
 * becomes {@code customer/<id>} with its ids, name, default address and marketing consents; an order becomes
 * {@code order/<id>} with the buyer's ids and one {@link OrderEvents order event}. An e-mail address or phone number
 * that does not normalise is left out and named in the provenance ({@code invalid}); an order that names no person at
 * all, or lacks id, time or total, is refused with the reason. A pure function.
 */
final class ShopifyMapper {

    static final String INVALID = "invalid";

    private final String source;
    private final IdentifierNormalizer normalizer;
    static final String PRODUCT_TYPE = "product_type";
    private final String categoryField;

    ShopifyMapper(String source, IdentifierNormalizer normalizer, String categoryField) {
        this.source = source;
        this.normalizer = normalizer;
        this.categoryField = categoryField;
    }

    static String customerRecord(String id) {
        return "customer/" + id;
    }

    static String orderRecord(String id) {
        return "order/" + id;
    }

    Mapped customer(JsonNode customer, Instant receivedAt, Map<String, String> provenance) {
        String id = text(customer, "id");
        if (id == null) {
            return new Mapped.Refused("customer without id");
        }
        Instant observed;
        try {
            observed = first(Json.instant(customer, "updated_at"), Json.instant(customer, "created_at"), receivedAt);
        } catch (IllegalArgumentException e) {
            return new Mapped.Refused("customer " + id + ": " + e.getMessage());
        }
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(IdentifierTypes.CUSTOMER_ID, source + ":" + id));
        identifier(ids, prov, IdentifierTypes.EMAIL, text(customer, "email"));
        identifier(ids, prov, IdentifierTypes.PHONE, text(customer, "phone"));
        Map<String, Object> traits = new LinkedHashMap<>();
        put(traits, "firstName", text(customer, "first_name"));
        put(traits, "lastName", text(customer, "last_name"));
        JsonNode address = customer.path("default_address");
        put(traits, "city", text(address, "city"));
        put(traits, "country", first(text(address, "country_code"), text(address, "country"), null));
        put(traits, "postcode", text(address, "zip"));
        List<Consent> consents = new ArrayList<>();
        consent(consents, customer.path("email_marketing_consent"), "email", observed);
        consent(consents, customer.path("sms_marketing_consent"), "sms", observed);
        return new Mapped.Accepted(new Fragment(source, customerRecord(id), observed, ids, traits, consents, List.of(),
                prov));
    }

    Mapped order(JsonNode order, Instant received, Map<String, String> provenance) {
        return order(order, received, provenance, Map.of());
    }

    /**
     * @param productTypes product id to product type, for line items that do not carry the category field
     *                     themselves (see {@link ProductTypes}); used when the category field is {@code product_type}
     */
    Mapped order(JsonNode order, Instant receivedAt, Map<String, String> provenance, Map<String, String> productTypes) {
        String id = text(order, "id");
        if (id == null) {
            return new Mapped.Refused("order without id");
        }
        Instant placed;
        Instant updated;
        try {
            placed = first(Json.instant(order, "processed_at"), Json.instant(order, "created_at"), null);
            updated = Json.instant(order, "updated_at");
        } catch (IllegalArgumentException e) {
            return new Mapped.Refused("order " + id + ": " + e.getMessage());
        }
        if (placed == null) {
            return new Mapped.Refused("order " + id + ": neither processed_at nor created_at is set");
        }
        String total = text(order, "total_price");
        if (total == null || !decimal(total)) {
            return new Mapped.Refused("order " + id + ": total_price is missing or not a number: '" + total + "'");
        }
        JsonNode customer = order.path("customer");
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        List<Identifier> ids = new ArrayList<>();
        String customerId = text(customer, "id");
        if (customerId != null) {
            ids.add(new Identifier(IdentifierTypes.CUSTOMER_ID, source + ":" + customerId));
        }
        identifier(ids, prov, IdentifierTypes.EMAIL,
                first(text(order, "email"), text(order, "contact_email"), text(customer, "email")));
        identifier(ids, prov, IdentifierTypes.PHONE, first(text(order, "phone"), text(customer, "phone"), null));
        if (ids.isEmpty()) {
            return new Mapped.Refused("order " + id + " names no customer, e-mail address or phone number"
                    + (prov.containsKey(INVALID) ? " that is valid (" + prov.get(INVALID) + ")" : ""));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(OrderEvents.TOTAL, total);
        props.put(OrderEvents.CURRENCY, text(order, "currency"));
        Set<String> categories = new LinkedHashSet<>();
        List<Map<String, Object>> products = new ArrayList<>();
        for (JsonNode item : order.path("line_items")) {
            String category = text(item, categoryField);
            if (category == null && PRODUCT_TYPE.equals(categoryField)) {
                String productId = text(item, "product_id");
                category = productId == null ? null : productTypes.get(productId);
            }
            if (category != null) {
                categories.add(category);
            }
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("sku", text(item, "sku"));
            product.put("name", first(text(item, "name"), text(item, "title"), null));
            product.put("quantity", item.path("quantity").asLong(0));
            product.put("price", text(item, "price"));
            products.add(product);
        }
        props.put(OrderEvents.CATEGORIES, List.copyOf(categories));
        props.put(OrderEvents.PRODUCTS, products);
        String financial = text(order, "financial_status");
        props.put(OrderEvents.CANCELLED, text(order, "cancelled_at") != null
                || "refunded".equals(financial) || "voided".equals(financial));
        put(props, "financialStatus", financial);
        put(props, "name", text(order, "name"));
        Event event = new Event(OrderEvents.TYPE, placed, source, id, props);
        return new Mapped.Accepted(new Fragment(source, orderRecord(id), first(updated, placed, receivedAt), ids,
                Map.of(), List.of(), List.of(event), prov));
    }

    private void identifier(List<Identifier> ids, Map<String, String> prov, String type, String value) {
        if (value == null) {
            return;
        }
        Normalized n = normalizer.normalize(type, value);
        if (n.isValid()) {
            ids.add(n.identifier());
        } else {
            prov.merge(INVALID, n.error(), (a, b) -> a + "; " + b);
        }
    }

    /** Shopify's marketing consent states: subscribed grants, unsubscribed denies, others say nothing. */
    private void consent(List<Consent> out, JsonNode consent, String channel, Instant observed) {
        String state = text(consent, "state");
        ConsentStatus status = "subscribed".equals(state) ? ConsentStatus.GRANTED
                : "unsubscribed".equals(state) ? ConsentStatus.DENIED : null;
        if (status != null) {
            Instant at;
            try {
                at = first(Json.instant(consent, "consent_updated_at"), observed, null);
            } catch (IllegalArgumentException e) {
                at = observed;
            }
            out.add(new Consent("marketing", channel, status, at, source));
        }
    }

    private static boolean decimal(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void put(Map<String, Object> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

package org.cdphub.connector.woocommerce.internal;

import static org.cdphub.connector.woocommerce.internal.Json.text;

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
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.api.model.OrderEvents;

/**
 * Maps WooCommerce customers and orders (REST API v3 shape, which the webhooks deliver too) to fragments. A customer
 * becomes {@code customer/<id>} with its ids, name and billing address; an order becomes {@code order/<id>} with the
 * buyer's ids (customer id unless a guest, billing e-mail and phone) and one {@link OrderEvents order event}. An
 * e-mail address or phone number that does not normalise is left out and named in the provenance ({@code invalid});
 * an order that names no person at all, or lacks id, time or total, is refused with the reason. A pure function.
 */
final class WooMapper {

    static final String INVALID = "invalid";
    static final Set<String> CANCELLED = Set.of("cancelled", "refunded", "failed");

    private final String source;
    private final IdentifierNormalizer normalizer;

    WooMapper(String source, IdentifierNormalizer normalizer) {
        this.source = source;
        this.normalizer = normalizer;
    }

    static String customerRecord(String id) {
        return "customer/" + id;
    }

    static String orderRecord(String id) {
        return "order/" + id;
    }

    Mapped customer(JsonNode customer, Instant receivedAt, Map<String, String> provenance) {
        String id = text(customer, "id");
        if (id == null || "0".equals(id)) {
            return new Mapped.Refused("customer without id");
        }
        Instant observed;
        try {
            observed = first(Json.gmt(customer, "date_modified_gmt"), Json.gmt(customer, "date_created_gmt"), receivedAt);
        } catch (IllegalArgumentException e) {
            return new Mapped.Refused("customer " + id + ": " + e.getMessage());
        }
        JsonNode billing = customer.path("billing");
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(IdentifierTypes.CUSTOMER_ID, source + ":" + id));
        identifier(ids, prov, IdentifierTypes.EMAIL, first(text(customer, "email"), text(billing, "email"), null));
        identifier(ids, prov, IdentifierTypes.PHONE, text(billing, "phone"));
        Map<String, Object> traits = new LinkedHashMap<>();
        put(traits, "firstName", first(text(customer, "first_name"), text(billing, "first_name"), null));
        put(traits, "lastName", first(text(customer, "last_name"), text(billing, "last_name"), null));
        put(traits, "city", text(billing, "city"));
        put(traits, "country", text(billing, "country"));
        put(traits, "postcode", text(billing, "postcode"));
        return new Mapped.Accepted(new Fragment(source, customerRecord(id), observed, ids, traits, List.of(), List.of(),
                prov));
    }

    Mapped order(JsonNode order, Instant receivedAt, Map<String, String> provenance) {
        return order(order, receivedAt, provenance, Map.of());
    }

    /**
     * @param productCategories product id to category names, for line items that carry no categories themselves (see
     *                          {@link ProductCategories})
     */
    Mapped order(JsonNode order, Instant receivedAt, Map<String, String> provenance,
            Map<String, List<String>> productCategories) {
        String id = text(order, "id");
        if (id == null) {
            return new Mapped.Refused("order without id");
        }
        Instant placed;
        Instant modified;
        try {
            placed = first(Json.gmt(order, "date_created_gmt"), Json.gmt(order, "date_created"), null);
            modified = Json.gmt(order, "date_modified_gmt");
        } catch (IllegalArgumentException e) {
            return new Mapped.Refused("order " + id + ": " + e.getMessage());
        }
        if (placed == null) {
            return new Mapped.Refused("order " + id + ": date_created_gmt is not set");
        }
        String total = text(order, "total");
        if (total == null || !decimal(total)) {
            return new Mapped.Refused("order " + id + ": total is missing or not a number: '" + total + "'");
        }
        JsonNode billing = order.path("billing");
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        List<Identifier> ids = new ArrayList<>();
        String customerId = text(order, "customer_id");
        if (customerId != null && !"0".equals(customerId)) {
            ids.add(new Identifier(IdentifierTypes.CUSTOMER_ID, source + ":" + customerId));
        }
        identifier(ids, prov, IdentifierTypes.EMAIL, text(billing, "email"));
        identifier(ids, prov, IdentifierTypes.PHONE, text(billing, "phone"));
        if (ids.isEmpty()) {
            return new Mapped.Refused("order " + id + " names no customer, e-mail address or phone number"
                    + (prov.containsKey(INVALID) ? " that is valid (" + prov.get(INVALID) + ")" : ""));
        }
        String status = text(order, "status");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(OrderEvents.TOTAL, total);
        props.put(OrderEvents.CURRENCY, text(order, "currency"));
        Set<String> categories = new LinkedHashSet<>();
        List<Map<String, Object>> products = new ArrayList<>();
        for (JsonNode item : order.path("line_items")) {
            String productId = text(item, "product_id");
            if (productId != null) {
                productCategories.getOrDefault(productId, List.of()).forEach(categories::add);
            }
            for (JsonNode category : item.path("categories")) {
                String name = category.isObject() ? text(category, "name") : category.isTextual() ? category.asText() : null;
                if (name != null && !name.isBlank()) {
                    categories.add(name.strip());
                }
            }
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("sku", text(item, "sku"));
            product.put("name", text(item, "name"));
            product.put("quantity", item.path("quantity").asLong(0));
            product.put("price", text(item, "price"));
            products.add(product);
        }
        props.put(OrderEvents.CATEGORIES, List.copyOf(categories));
        props.put(OrderEvents.PRODUCTS, products);
        props.put(OrderEvents.CANCELLED, status != null && CANCELLED.contains(status));
        put(props, "status", status);
        put(props, "number", text(order, "number"));
        Event event = new Event(OrderEvents.TYPE, placed, source, id, props);
        return new Mapped.Accepted(new Fragment(source, orderRecord(id), first(modified, placed, receivedAt), ids,
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

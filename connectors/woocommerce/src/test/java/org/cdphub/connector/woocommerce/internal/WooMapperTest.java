package org.cdphub.connector.woocommerce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.OrderEvents;
import org.junit.jupiter.api.Test;

/** The mapping on the REST API v3 documentation's example objects (fixtures/woocommerce). */
class WooMapperTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T09:00:00Z");
    private final WooMapper mapper = new WooMapper("store", new IdentifierNormalizer("US"));

    @Test
    void theDocumentedCustomerBecomesACustomerFragment() {
        Fragment f = accepted(mapper.customer(Store.json("customer-created.json"), RECEIVED, Map.of("topic", "t")));

        assertThat(f.sourceRecordId()).isEqualTo("customer/25");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2017-03-21T19:09:30Z"));
        assertThat(f.identifiers()).as("(555) 555-5555 is a fictional number").containsExactly(
                new Identifier("customerId", "store:25"), new Identifier("email", "john.doe@example.com"));
        assertThat(f.provenance().get(WooMapper.INVALID)).contains("invalid phone number '(555) 555-5555'");
        assertThat(f.traits()).containsEntry("firstName", "John").containsEntry("lastName", "Doe")
                .containsEntry("city", "San Francisco").containsEntry("country", "US").containsEntry("postcode", "94103");
        assertThat(f.consents()).isEmpty();
        assertThat(f.provenance()).containsEntry("topic", "t");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedGuestOrderBecomesAnOrderEventLinkedByBillingEmailAndPhone() {
        Fragment f = accepted(mapper.order(Store.json("order-created.json"), RECEIVED, Map.of()));

        assertThat(f.sourceRecordId()).isEqualTo("order/727");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2017-03-22T19:28:08Z"));
        assertThat(f.identifiers()).as("customer_id 0 is a guest: no customerId")
                .containsExactly(new Identifier("email", "john.doe@example.com"));
        Event e = f.events().get(0);
        assertThat(e.type()).isEqualTo(OrderEvents.TYPE);
        assertThat(e.sourceEventId()).isEqualTo("727");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2017-03-22T19:28:02Z"));
        assertThat(e.properties()).containsEntry(OrderEvents.TOTAL, "29.35").containsEntry(OrderEvents.CURRENCY, "USD")
                .containsEntry(OrderEvents.CANCELLED, false).containsEntry(OrderEvents.CATEGORIES, List.of());
        assertThat((List<Object>) e.properties().get(OrderEvents.PRODUCTS)).as("an empty sku reads as none").containsExactly(
                product(null, "Woo Single #1", 2, "3"),
                product("Bar3", "Ship Your Idea &ndash; Color: Black, Size: M Test", 1, "12"));
    }

    @Test
    void aRegisteredCustomersOrderCarriesTheCustomerId() {
        JsonNode order = Store.json("orders-page-1.json").get(0);

        Fragment f = accepted(mapper.order(order, RECEIVED, Map.of()));

        assertThat(f.identifiers()).contains(new Identifier("customerId", "store:26"),
                new Identifier("email", "joao.silva@example.com"));
    }

    @Test
    void cancelledRefundedAndFailedOrdersAreCancelled() {
        for (String status : List.of("cancelled", "refunded", "failed")) {
            ObjectNode order = (ObjectNode) Store.json("order-created.json");
            order.put("status", status);
            assertThat(accepted(mapper.order(order, RECEIVED, Map.of())).events().get(0).properties())
                    .as(status).containsEntry(OrderEvents.CANCELLED, true);
        }
    }

    @Test
    void categoriesAreTakenFromLineItemsWhenTheyCarryThem() {
        ObjectNode order = (ObjectNode) Store.json("order-created.json");
        ((ObjectNode) order.get("line_items").get(0)).putArray("categories").addObject().put("name", "Music");
        ((ObjectNode) order.get("line_items").get(1)).putArray("categories").add("Clothing").add("Music");

        assertThat(accepted(mapper.order(order, RECEIVED, Map.of())).events().get(0).properties())
                .containsEntry(OrderEvents.CATEGORIES, List.of("Music", "Clothing"));
    }

    @Test
    void aValidBillingPhoneIsNormalisedInTheConfiguredRegion() {
        ObjectNode order = (ObjectNode) Store.json("order-created.json");
        ((ObjectNode) order.get("billing")).put("phone", "(415) 555-2671");

        Fragment f = accepted(mapper.order(order, RECEIVED, Map.of()));

        assertThat(f.identifiers()).containsExactly(new Identifier("email", "john.doe@example.com"),
                new Identifier("phone", "+14155552671"));
        assertThat(f.provenance()).doesNotContainKey(WooMapper.INVALID);
    }

    @Test
    void ordersThatCannotBeTakenAreRefusedWithTheReason() {
        ObjectNode noId = (ObjectNode) Store.json("order-created.json");
        noId.remove("id");
        ObjectNode nobody = (ObjectNode) Store.json("order-created.json");
        nobody.remove("billing");
        ObjectNode badTotal = (ObjectNode) Store.json("order-created.json");
        badTotal.put("total", "free");
        ObjectNode noDate = (ObjectNode) Store.json("order-created.json");
        noDate.remove("date_created_gmt");
        noDate.remove("date_created");

        assertThat(refused(mapper.order(noId, RECEIVED, Map.of()))).isEqualTo("order without id");
        assertThat(refused(mapper.order(nobody, RECEIVED, Map.of()))).contains("names no customer");
        assertThat(refused(mapper.order(badTotal, RECEIVED, Map.of()))).contains("total").contains("free");
        assertThat(refused(mapper.order(noDate, RECEIVED, Map.of()))).contains("date_created_gmt");
    }

    private static Map<String, Object> product(String sku, String name, long quantity, String price) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("sku", sku);
        p.put("name", name);
        p.put("quantity", quantity);
        p.put("price", price);
        return p;
    }

    private static Fragment accepted(Mapped mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Accepted.class);
        return ((Mapped.Accepted) mapped).fragment();
    }

    private static String refused(Mapped mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Refused.class);
        return ((Mapped.Refused) mapped).reason();
    }
}

package org.cdphub.connector.shopify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.OrderEvents;
import org.junit.jupiter.api.Test;

/** The mapping on Shopify's documented example payloads (fixtures/shopify). */
class ShopifyMapperTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T09:00:00Z");
    private final ShopifyMapper mapper = new ShopifyMapper("shop", new IdentifierNormalizer("NL"), "product_type");

    @Test
    void theDocumentedCustomersCreatePayloadBecomesACustomerFragment() {
        Fragment f = accepted(mapper.customer(Shop.json("customers-create.json"), RECEIVED, Map.of("topic", "t")));

        assertThat(f.source()).isEqualTo("shop");
        assertThat(f.sourceRecordId()).isEqualTo("customer/706405506930370084");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(f.identifiers()).containsExactly(new Identifier("customerId", "shop:706405506930370084"),
                new Identifier("email", "bob@biller.com"));
        assertThat(f.traits()).containsExactly(Map.entry("firstName", "Bob"), Map.entry("lastName", "Biller"));
        assertThat(f.consents()).as("email_marketing_consent null says nothing").isEmpty();
        assertThat(f.events()).isEmpty();
        assertThat(f.provenance()).containsEntry("topic", "t");
    }

    @Test
    void aCustomerWithAddressPhoneAndMarketingConsents() {
        Fragment f = accepted(mapper.customer(Shop.json("customers-update.json"), RECEIVED, Map.of()));

        assertThat(f.sourceRecordId()).isEqualTo("customer/207119551");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2024-01-02T14:10:36Z"));
        assertThat(f.identifiers()).containsExactly(new Identifier("customerId", "shop:207119551"),
                new Identifier("email", "bob.norman@mail.example.com"), new Identifier("phone", "+16136120707"));
        assertThat(f.traits()).containsEntry("city", "Louisville").containsEntry("country", "US")
                .containsEntry("postcode", "40202").containsEntry("firstName", "Bob");
        assertThat(f.consents()).containsExactly(
                new Consent("marketing", "email", ConsentStatus.GRANTED, Instant.parse("2022-04-01T15:22:06Z"), "shop"),
                new Consent("marketing", "sms", ConsentStatus.DENIED, Instant.parse("2024-01-02T13:59:11Z"), "shop"));
    }

    @Test
    void notSubscribedAndPendingConsentStatesSayNothing() {
        ObjectNode c = (ObjectNode) Shop.json("customers-update.json");
        ((ObjectNode) c.get("email_marketing_consent")).put("state", "not_subscribed");
        ((ObjectNode) c.get("sms_marketing_consent")).put("state", "pending");

        assertThat(accepted(mapper.customer(c, RECEIVED, Map.of())).consents()).isEmpty();
    }

    @Test
    void theDocumentedOrdersCreatePayloadBecomesOneCancelledOrderEvent() {
        Fragment f = accepted(mapper.order(Shop.json("orders-create.json"), RECEIVED, Map.of()));

        assertThat(f.sourceRecordId()).isEqualTo("order/820982911946154508");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(f.identifiers()).containsExactly(new Identifier("customerId", "shop:115310627314723954"),
                new Identifier("email", "jon@example.com"));
        assertThat(f.traits()).isEmpty();
        assertThat(f.events()).hasSize(1);
        Event e = f.events().get(0);
        assertThat(e.type()).isEqualTo(OrderEvents.TYPE);
        assertThat(e.sourceEventId()).isEqualTo("820982911946154508");
        assertThat(e.source()).isEqualTo("shop");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(e.properties()).containsEntry(OrderEvents.TOTAL, "404.95").containsEntry(OrderEvents.CURRENCY, "USD")
                .containsEntry(OrderEvents.CANCELLED, true).containsEntry(OrderEvents.CATEGORIES, List.of());
        List<?> products = (List<?>) e.properties().get(OrderEvents.PRODUCTS);
        assertThat(products).hasSize(5);
        assertThat(products.get(0)).isEqualTo(Map.of("sku", "SKU2006-001", "name", "Aviator sunglasses",
                "quantity", 1L, "price", "89.99"));
    }

    @Test
    void aPaidOrderCountsAndTakesItsCategoriesFromTheConfiguredLineItemField() {
        JsonNode order = Shop.json("orders-page-1.json").path("orders").get(0);
        ShopifyMapper byVendor = new ShopifyMapper("shop", new IdentifierNormalizer("NL"), "vendor");

        Event e = accepted(byVendor.order(order, RECEIVED, Map.of())).events().get(0);

        assertThat(e.properties()).containsEntry(OrderEvents.CANCELLED, false)
                .containsEntry(OrderEvents.TOTAL, "598.94").containsEntry(OrderEvents.CATEGORIES, List.of("Apple"));
    }

    @Test
    void lineItemsWithoutAProductTypeTakeItFromTheProductLookup() {
        JsonNode order = Shop.json("orders-page-1.json").path("orders").get(0);

        Event e = accepted(mapper.order(order, RECEIVED, Map.of(), Map.of("632910392", "Phones"))).events().get(0);

        assertThat(e.properties()).containsEntry(OrderEvents.CATEGORIES, List.of("Phones"));
        assertThat(ProductTypes.missing(order, "product_type")).containsExactly("632910392");
        assertThat(accepted(mapper.order(order, RECEIVED, Map.of())).events().get(0).properties())
                .containsEntry(OrderEvents.CATEGORIES, List.of());
    }

    @Test
    void aRefundedOrderIsCancelled() {
        ObjectNode order = (ObjectNode) Shop.json("orders-page-1.json").path("orders").get(0);
        order.put("financial_status", "refunded");

        assertThat(accepted(mapper.order(order, RECEIVED, Map.of())).events().get(0).properties())
                .containsEntry(OrderEvents.CANCELLED, true);
    }

    @Test
    void anInvalidEmailIsLeftOutAndNamedButTheOrderStillArrives() {
        ObjectNode order = (ObjectNode) Shop.json("orders-create.json");
        order.put("email", "jon@example");
        order.remove("contact_email");

        Fragment f = accepted(mapper.order(order, RECEIVED, Map.of()));

        assertThat(f.identifiers()).containsExactly(new Identifier("customerId", "shop:115310627314723954"));
        assertThat(f.provenance().get(ShopifyMapper.INVALID)).contains("invalid email 'jon@example'");
    }

    @Test
    void ordersThatCannotBeTakenAreRefusedWithTheReason() {
        ObjectNode noId = (ObjectNode) Shop.json("orders-create.json");
        noId.remove("id");
        ObjectNode nobody = (ObjectNode) Shop.json("orders-create.json");
        nobody.remove("customer");
        nobody.remove("email");
        nobody.remove("contact_email");
        ObjectNode badTotal = (ObjectNode) Shop.json("orders-create.json");
        badTotal.put("total_price", "lots");
        ObjectNode badTime = (ObjectNode) Shop.json("orders-create.json");
        badTime.put("processed_at", "yesterday");

        assertThat(refused(mapper.order(noId, RECEIVED, Map.of()))).isEqualTo("order without id");
        assertThat(refused(mapper.order(nobody, RECEIVED, Map.of())))
                .contains("names no customer, e-mail address or phone number");
        assertThat(refused(mapper.order(badTotal, RECEIVED, Map.of()))).contains("total_price").contains("lots");
        assertThat(refused(mapper.order(badTime, RECEIVED, Map.of()))).contains("processed_at");
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

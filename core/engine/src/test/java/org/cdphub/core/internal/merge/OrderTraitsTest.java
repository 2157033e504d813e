package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.OrderEvents;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;

class OrderTraitsTest {

    private static Event order(String id, String at, Object total, String currency, boolean cancelled,
            String... categories) {
        Map<String, Object> p = new HashMap<>();
        p.put(OrderEvents.TOTAL, total);
        p.put(OrderEvents.CURRENCY, currency);
        p.put(OrderEvents.CATEGORIES, List.of(categories));
        if (cancelled) {
            p.put(OrderEvents.CANCELLED, true);
        }
        return new Event(OrderEvents.TYPE, Instant.parse(at), "shop", id, p);
    }

    private static Map<String, Object> values(Map<String, TraitValue> traits) {
        Map<String, Object> values = new HashMap<>();
        traits.forEach((k, v) -> values.put(k, v.value()));
        return values;
    }

    @Test
    void countsSpendAndDatesOfOrdersThatWereNotCancelled() {
        Map<String, TraitValue> traits = OrderTraits.compute(List.of(
                order("1", "2025-01-05T10:00:00Z", "19.90", "eur", false, "Shoes"),
                order("3", "2025-03-01T10:00:00Z", 100, "EUR", false, "Socks", "Shoes"),
                order("2", "2025-02-01T10:00:00Z", "50.00", "EUR", true, "Hats"),
                order("4", "2025-02-10T10:00:00Z", "30.15", "EUR", false),
                new Event("page", Instant.parse("2025-03-02T10:00:00Z"), "web", "p", Map.of())));

        assertThat(values(traits)).containsOnly(
                Map.entry(OrderEvents.TRAIT_ORDER_COUNT, 3),
                Map.entry(OrderEvents.TRAIT_TOTAL_SPEND, 150.05),
                Map.entry(OrderEvents.TRAIT_AVERAGE_ORDER_VALUE, 50.02),
                Map.entry(OrderEvents.TRAIT_SPEND_CURRENCY, "EUR"),
                Map.entry(OrderEvents.TRAIT_FIRST_ORDER_AT, "2025-01-05T10:00:00Z"),
                Map.entry(OrderEvents.TRAIT_LAST_ORDER_AT, "2025-03-01T10:00:00Z"),
                Map.entry(OrderEvents.TRAIT_CATEGORIES_BOUGHT, List.of("Shoes", "Socks")));
        assertThat(traits.get(OrderEvents.TRAIT_ORDER_COUNT).sourceRecordId()).isEqualTo("3");
    }

    @Test
    void spendIsInTheCurrencyOfMostOrders() {
        Map<String, Object> values = values(OrderTraits.compute(List.of(
                order("1", "2025-01-05T10:00:00Z", "1000", "USD", false),
                order("2", "2025-01-06T10:00:00Z", "10", "GBP", false),
                order("3", "2025-01-07T10:00:00Z", "20", "GBP", false))));
        assertThat(values).containsEntry(OrderEvents.TRAIT_SPEND_CURRENCY, "GBP")
                .containsEntry(OrderEvents.TRAIT_TOTAL_SPEND, 30.0)
                .containsEntry(OrderEvents.TRAIT_ORDER_COUNT, 3);
    }

    @Test
    void noOrdersNoTraits() {
        assertThat(OrderTraits.compute(List.of(order("1", "2025-01-05T10:00:00Z", "5", "EUR", true)))).isEmpty();
        assertThat(OrderTraits.compute(List.of())).isEmpty();
    }

    @Test
    void anOrderWithoutAUsableTotalStillCounts() {
        Map<String, Object> values = values(OrderTraits.compute(List.of(
                order("1", "2025-01-05T10:00:00Z", "n/a", "EUR", false),
                order("2", "2025-01-06T10:00:00Z", "12.5", "EUR", false))));
        assertThat(values).containsEntry(OrderEvents.TRAIT_ORDER_COUNT, 2)
                .containsEntry(OrderEvents.TRAIT_TOTAL_SPEND, 12.5)
                .containsEntry(OrderEvents.TRAIT_AVERAGE_ORDER_VALUE, 12.5);
    }
}

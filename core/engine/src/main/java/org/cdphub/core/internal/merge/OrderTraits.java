package org.cdphub.core.internal.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.OrderEvents;
import org.cdphub.api.model.TraitValue;

/**
 * Computed traits from a profile's order events (see {@link OrderEvents}): order count, total and average spend in
 * the currency most orders were placed in, first and last order time, product categories bought. Cancelled orders do
 * not count. Pure: the same events give the same traits. Provenance of every computed trait is
 * {@value #SOURCE} and the latest order.
 */
final class OrderTraits {

    static final String SOURCE = "cdphub:orders";

    private OrderTraits() {
    }

    /** The computed traits; empty when the profile has no (valid, not cancelled) order. */
    static Map<String, TraitValue> compute(List<Event> events) {
        List<Event> orders = events.stream()
                .filter(e -> OrderEvents.TYPE.equals(e.type()) && e.occurredAt() != null)
                .filter(e -> !Boolean.TRUE.equals(e.properties().get(OrderEvents.CANCELLED))
                        && !"true".equals(String.valueOf(e.properties().get(OrderEvents.CANCELLED))))
                .sorted(Comparator.comparing(Event::occurredAt))
                .toList();
        if (orders.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> countByCurrency = new HashMap<>();
        Map<String, BigDecimal> totalByCurrency = new HashMap<>();
        TreeSet<String> categories = new TreeSet<>();
        for (Event order : orders) {
            String currency = currency(order.properties().get(OrderEvents.CURRENCY));
            BigDecimal total = amount(order.properties().get(OrderEvents.TOTAL));
            if (total != null) {
                countByCurrency.merge(currency, 1, Integer::sum);
                totalByCurrency.merge(currency, total, BigDecimal::add);
            }
            if (order.properties().get(OrderEvents.CATEGORIES) instanceof Collection<?> cats) {
                cats.stream().filter(c -> c != null && !String.valueOf(c).isBlank())
                        .forEach(c -> categories.add(String.valueOf(c).strip()));
            }
        }
        Event last = orders.get(orders.size() - 1);
        Instant at = last.occurredAt();
        String id = last.sourceEventId() == null ? "" : last.sourceEventId();
        Map<String, TraitValue> traits = new TreeMap<>();
        traits.put(OrderEvents.TRAIT_ORDER_COUNT, new TraitValue(orders.size(), SOURCE, id, at));
        traits.put(OrderEvents.TRAIT_FIRST_ORDER_AT, new TraitValue(orders.get(0).occurredAt().toString(), SOURCE,
                id, at));
        traits.put(OrderEvents.TRAIT_LAST_ORDER_AT, new TraitValue(at.toString(), SOURCE, id, at));
        if (!categories.isEmpty()) {
            traits.put(OrderEvents.TRAIT_CATEGORIES_BOUGHT, new TraitValue(List.copyOf(categories), SOURCE, id, at));
        }
        String main = countByCurrency.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(e -> totalByCurrency.get(e.getKey()))
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
        if (main != null) {
            BigDecimal total = totalByCurrency.get(main);
            traits.put(OrderEvents.TRAIT_TOTAL_SPEND, new TraitValue(total.setScale(2, RoundingMode.HALF_EVEN)
                    .doubleValue(), SOURCE, id, at));
            traits.put(OrderEvents.TRAIT_AVERAGE_ORDER_VALUE, new TraitValue(total
                    .divide(BigDecimal.valueOf(countByCurrency.get(main)), 2, RoundingMode.HALF_EVEN).doubleValue(),
                    SOURCE, id, at));
            if (!main.isEmpty()) {
                traits.put(OrderEvents.TRAIT_SPEND_CURRENCY, new TraitValue(main, SOURCE, id, at));
            }
        }
        return traits;
    }

    private static String currency(Object value) {
        return value == null ? "" : String.valueOf(value).strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** A decimal amount from a JSON number or a string; null when there is none or it is not a number. */
    static BigDecimal amount(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

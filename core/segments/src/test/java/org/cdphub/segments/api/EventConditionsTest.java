package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.segments.api.TestSupport.EVALUATOR;
import static org.cdphub.segments.api.TestSupport.NOW;
import static org.cdphub.segments.api.TestSupport.condition;
import static org.cdphub.segments.api.TestSupport.eval;
import static org.cdphub.segments.api.TestSupport.event;
import static org.cdphub.segments.api.TestSupport.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Event;
import org.junit.jupiter.api.Test;

/** Event counts in windows (edges included), where-filters, atMost, notFollowedBy, and their next flips. */
class EventConditionsTest {

    private static final String SHOES = """
            event: page
            where: { path: { startsWith: /shoes } }
            atLeast: 3
            within: P14D""";
    private static final Duration DAY = Duration.ofDays(1);

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    @Test
    void countsOnlyEventsOfTheTypeThatPassTheWhereFilter() {
        var input = events(event("page", ago(DAY), "path", "/shoes/red"),
                event("page", ago(DAY.multipliedBy(2)), "path", "/shoes"),
                event("page", ago(DAY.multipliedBy(3)), "path", "/bags"),
                event("track", ago(DAY), "path", "/shoes/blue"));
        assertThat(eval(SHOES, input)).as("2 shoe pages").isFalse();
        var three = events(event("page", ago(DAY), "path", "/shoes/red"),
                event("page", ago(DAY.multipliedBy(2)), "path", "/shoes"),
                event("page", ago(DAY.multipliedBy(3)), "path", "/shoes/green"));
        assertThat(eval(SHOES, three)).isTrue();
    }

    @Test
    void anEventExactlyAtTheWindowStartNoLongerCountsOneSecondLaterItDoes() {
        String once = "event: page\nwithin: P14D";
        assertThat(eval(once, events(event("page", ago(Duration.ofDays(14)))))).isFalse();
        assertThat(eval(once, events(event("page", ago(Duration.ofDays(14).minusSeconds(1)))))).isTrue();
        assertThat(eval(once, events(event("page", NOW)))).as("an event at now counts").isTrue();
        assertThat(eval(once, events(event("page", NOW.plusSeconds(1))))).as("a future event does not").isFalse();
    }

    @Test
    void withoutAWindowEveryPastEventCounts() {
        assertThat(eval("event: order\natLeast: 2", events(event("order", ago(Duration.ofDays(3000))),
                event("order", ago(DAY))))).isTrue();
        assertThat(eval("event: order\natLeast: 2", events(event("order", ago(DAY))))).isFalse();
    }

    @Test
    void atMostBoundsTheCountAndZeroMatchesNoEvents() {
        String few = "event: order\natMost: 1\nwithin: P30D";
        assertThat(eval(few, events())).isTrue();
        assertThat(eval(few, events(event("order", ago(DAY))))).isTrue();
        assertThat(eval(few, events(event("order", ago(DAY)), event("order", ago(DAY))))).isFalse();
    }

    @Test
    void whereFiltersReadNestedPropertiesAndScalarShorthand() {
        String big = """
                event: order
                where:
                  currency: EUR
                  total: { gte: 100 }
                  shipping.country: { in: [NL, BE] }""";
        assertThat(eval(big, events(event("order", ago(DAY), "currency", "EUR", "total", "120.00", "shipping",
                Map.of("country", "NL"))))).isTrue();
        assertThat(eval(big, events(event("order", ago(DAY), "currency", "EUR", "total", 99, "shipping",
                Map.of("country", "NL"))))).isFalse();
        assertThat(eval(big, events(event("order", ago(DAY), "currency", "USD", "total", 120, "shipping",
                Map.of("country", "NL"))))).isFalse();
    }

    @Test
    void nextFlipIsWhenTheOldestNeededEventLeavesTheWindow() {
        Condition c = condition(SHOES);
        var input = events(event("page", ago(Duration.ofDays(13)), "path", "/shoes"),
                event("page", ago(Duration.ofDays(10)), "path", "/shoes"),
                event("page", ago(Duration.ofDays(5)), "path", "/shoes"),
                event("page", ago(Duration.ofDays(1)), "path", "/shoes"));
        assertThat(EVALUATOR.evaluate(c, input, NOW)).isTrue();
        // 4 events: the first leaves after 1 day (3 remain), the second after 4 days (2 remain): that is the flip
        assertThat(EVALUATOR.nextFlip(c, input, NOW)).contains(NOW.plus(Duration.ofDays(4)));
        assertThat(EVALUATOR.evaluate(c, input, NOW.plus(Duration.ofDays(4)).minusMillis(1))).isTrue();
        assertThat(EVALUATOR.evaluate(c, input, NOW.plus(Duration.ofDays(4)))).isFalse();
    }

    @Test
    void nextFlipIsEmptyWhenTimeAloneCannotChangeTheResult() {
        Condition c = condition(SHOES);
        assertThat(EVALUATOR.nextFlip(c, events(event("page", ago(DAY), "path", "/shoes")), NOW)).isEmpty();
        assertThat(EVALUATOR.nextFlip(condition("event: order\natLeast: 1"), events(event("order", ago(DAY))), NOW))
                .isEmpty();
    }

    private static final String ABANDONED = """
            event: add_to_cart
            notFollowedBy: { event: order, within: PT24H }""";

    @Test
    void notFollowedByHoldsOnceTheFollowWindowHasClosedWithoutTheEvent() {
        assertThat(eval(ABANDONED, events(event("add_to_cart", ago(Duration.ofHours(24)))))).as("closed at now")
                .isTrue();
        assertThat(eval(ABANDONED, events(event("add_to_cart", ago(Duration.ofHours(24)).plusSeconds(1)))))
                .as("window still open").isFalse();
        assertThat(eval(ABANDONED, events())).isFalse();
    }

    @Test
    void notFollowedByFollowWindowIsFromTheFirstEventInclusiveToItsEndExclusive() {
        Instant cart = ago(Duration.ofHours(30));
        assertThat(eval(ABANDONED, events(event("add_to_cart", cart), event("order", cart)))).as("same instant")
                .isFalse();
        assertThat(eval(ABANDONED, events(event("add_to_cart", cart),
                event("order", cart.plus(Duration.ofHours(24)).minusSeconds(1))))).as("last second").isFalse();
        assertThat(eval(ABANDONED, events(event("add_to_cart", cart),
                event("order", cart.plus(Duration.ofHours(24)))))).as("too late").isTrue();
        assertThat(eval(ABANDONED, events(event("add_to_cart", cart), event("order", cart.minusSeconds(1)))))
                .as("an order before the cart does not follow it").isTrue();
    }

    @Test
    void notFollowedByHoldsForAnyAbandonedCartAndAnOuterWindowLimitsWhichCount() {
        Instant old = ago(Duration.ofDays(10));
        Instant recent = ago(Duration.ofDays(2));
        var input = events(event("add_to_cart", old), event("add_to_cart", recent),
                event("order", recent.plus(Duration.ofHours(1))));
        assertThat(eval(ABANDONED, input)).as("the old cart was abandoned").isTrue();
        assertThat(eval(ABANDONED + "\nwithin: P7D", input)).as("only carts of the last 7 days").isFalse();
    }

    @Test
    void nextFlipOfNotFollowedByIsWhenTheFollowWindowCloses() {
        Condition c = condition(ABANDONED);
        Instant cart = ago(Duration.ofHours(2));
        var input = events(event("add_to_cart", cart));
        assertThat(EVALUATOR.nextFlip(c, input, NOW)).contains(cart.plus(Duration.ofHours(24)));
        var ordered = events(event("add_to_cart", cart), event("order", cart.plusSeconds(60)));
        assertThat(EVALUATOR.nextFlip(c, ordered, NOW)).isEmpty();
        Condition recent = condition(ABANDONED + "\nwithin: P7D");
        Instant abandoned = ago(Duration.ofDays(3));
        assertThat(EVALUATOR.nextFlip(recent, events(event("add_to_cart", abandoned)), NOW))
                .as("leaves the outer window").contains(abandoned.plus(Duration.ofDays(7)));
    }

    @Test
    void nextFlipStaysCheapAndEmptyWhenATimelessPartDecidesTheWhole() {
        Condition c = condition("all:\n  - trait: country\n    equals: BE\n  - event: page\n    within: P1D");
        Event[] many = new Event[5000];
        for (int i = 0; i < many.length; i++) {
            many[i] = event("page", NOW.minusSeconds(i * 10L));
        }
        EvaluationInput input = EvaluationInput.of(Map.of("country", "NL"), List.of(), List.of(many), List.of());
        assertThat(EVALUATOR.nextFlip(c, input, NOW)).isEmpty();
        Condition any = condition("any:\n  - trait: country\n    equals: BE\n  - event: page\n    within: P1D\n"
                + "    atLeast: 4000");
        // 5000 events 10 s apart: the count drops below 4000 when the 4000th-newest leaves the window
        assertThat(EVALUATOR.nextFlip(any, input, NOW)).contains(NOW.minusSeconds(3999 * 10L).plus(DAY));
    }

    @Test
    void shorthandDurationsEqualIsoOnes() {
        var input = events(event("page", ago(Duration.ofHours(36))));
        assertThat(eval("event: page\nwithin: 2d", input)).isTrue();
        assertThat(eval("event: page\nwithin: 24h", input)).isFalse();
        assertThat(eval("event: page\nwithin: 1w", input)).isTrue();
        assertThat(eval("event: page\nwithin: 90m", input)).isFalse();
        assertThat(eval("event: page\nwithin: P1DT12H", input)).isFalse();
        assertThat(eval("event: page\nwithin: P1DT13H", input)).isTrue();
    }

    @Test
    void fromProfileKeepsEveryEvent() {
        var profile = new org.cdphub.api.model.Profile("p1", List.of(), Map.of(), List.of(),
                List.of(event("page", ago(DAY), "path", "/shoes"), event("page", ago(DAY), "path", "/shoes/a"),
                        event("page", ago(DAY), "path", "/shoes/b")), List.of(), List.of(), List.of(), NOW, NOW);
        assertThat(EVALUATOR.evaluate(condition(SHOES), EvaluationInput.fromProfile(profile), NOW)).isTrue();
    }
}

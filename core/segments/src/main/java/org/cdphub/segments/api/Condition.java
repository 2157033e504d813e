package org.cdphub.segments.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cdphub.api.model.ConsentStatus;

/**
 * A segment condition: a closed tree of the node types below, built by {@link SegmentParser} or in code. There is no
 * expression language, no reflection and no pattern matching: every node is evaluated by fixed Java code.
 */
public sealed interface Condition {

    /** Every condition holds ({@code all:}). An empty list holds. */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** At least one condition holds ({@code any:}). An empty list does not hold. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    /** The condition does not hold ({@code not:}). */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** Every test holds for the trait's value ({@code trait: country, equals: NL}). */
    record Trait(String trait, List<ValueTest> tests) implements Condition {
        public Trait {
            Objects.requireNonNull(trait, "trait");
            tests = List.copyOf(tests);
        }
    }

    /**
     * Every test holds for the number of whole days (periods of 24 hours, rounded down) since the instant in
     * {@code trait}, for example {@code lastOrderAt}. A profile without that trait does not match.
     */
    record DaysSince(String trait, List<ValueTest> tests) implements Condition {
        public DaysSince {
            Objects.requireNonNull(trait, "trait");
            tests = List.copyOf(tests);
        }
    }

    /**
     * Events of a type whose properties pass every test in {@code where} (property name, dotted for nested objects,
     * to the tests on its value).
     */
    record EventFilter(String type, Map<String, List<ValueTest>> where) {
        public EventFilter {
            Objects.requireNonNull(type, "type");
            where = Map.copyOf(where);
        }
    }

    /**
     * The number of matching events that occurred in the window holds {@code atLeast <= n} and, when
     * {@code atMost} is not null, {@code n <= atMost}. The window is {@code (now - within, now]}: an event exactly
     * {@code within} old no longer counts; without {@code within}, every event up to now counts.
     */
    record EventCount(EventFilter filter, int atLeast, Integer atMost, Duration within) implements Condition {
        public EventCount {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /**
     * Some {@code first} event (occurred in {@code (now - within, now]}, any time when {@code within} is null) was not
     * followed by a {@code then} event in {@code [first, first + followWindow)}, and that window has closed
     * ({@code first + followWindow <= now}). Example: added to cart but no order within 24 hours.
     */
    record NotFollowedBy(EventFilter first, EventFilter then, Duration followWindow, Duration within)
            implements Condition {
        public NotFollowedBy {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(followWindow, "followWindow");
        }
    }

    /**
     * The person's next birthday (the date in {@code trait}, ISO {@code yyyy-MM-dd}) falls on one of the
     * {@code withinDays} local days starting today, in the person's time zone. 29 February is celebrated on 28 February
     * in non-leap years.
     */
    record Birthday(String trait, int withinDays) implements Condition {
        public Birthday {
            Objects.requireNonNull(trait, "trait");
        }
    }

    /** The text trait {@code trait} (for example {@code country}) equals one of {@code values}, ignoring case. */
    record Place(String trait, List<String> values) implements Condition {
        public Place {
            Objects.requireNonNull(trait, "trait");
            values = List.copyOf(values);
        }
    }

    /** The point in the {@code latitude}/{@code longitude} traits is at most {@code radiusKm} from the given point. */
    record Near(double lat, double lon, double radiusKm) implements Condition {
    }

    /** The latest consent for {@code purpose} on {@code channel} has {@code status} (no consent counts as UNKNOWN). */
    record ConsentState(String purpose, String channel, ConsentStatus status) implements Condition {
        public ConsentState {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The profile is in the DMP audience {@code name} (listed in its {@code dmpAudiences} trait). */
    record Audience(String name) implements Condition {
        public Audience {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The profile is a member of the segment {@code name}. */
    record InSegment(String name) implements Condition {
        public InSegment {
            Objects.requireNonNull(name, "name");
        }
    }
}

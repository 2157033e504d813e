package org.cdphub.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.cdphub.api.model.Event;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.ValueTest;

/** Evaluation of event counts and "not followed by", and the next instant either changes by time alone. */
final class EventConditions {

    private EventConditions() {
    }

    static boolean matches(Condition.EventFilter filter, Event event) {
        for (Map.Entry<String, List<ValueTest>> where : filter.where().entrySet()) {
            if (!ValueTests.all(where.getValue(), Values.property(event.properties(), where.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Events of the filter's type that pass its where-tests, oldest first. */
    static List<Event> matching(Condition.EventFilter filter, EvaluationInput input) {
        List<Event> events = input.events(filter.type());
        if (filter.where().isEmpty()) {
            return events;
        }
        return events.stream().filter(e -> matches(filter, e)).toList();
    }

    /** Whether an event counts at {@code now} for a window: {@code (now - within, now]}, or up to now without one. */
    static boolean inWindow(Instant occurredAt, Duration within, Instant now) {
        return !occurredAt.isAfter(now) && (within == null || occurredAt.isAfter(now.minus(within)));
    }

    static boolean count(Condition.EventCount c, EvaluationInput input, Instant now) {
        return countOf(c, matching(c.filter(), input), now);
    }

    private static boolean countOf(Condition.EventCount c, List<Event> events, Instant now) {
        long n = events.stream().filter(e -> inWindow(e.occurredAt(), c.within(), now)).count();
        return n >= c.atLeast() && (c.atMost() == null || n <= c.atMost());
    }

    /** The first instant after {@code after} at which the count condition's result differs from its result then. */
    static Optional<Instant> countChange(Condition.EventCount c, EvaluationInput input, Instant after) {
        List<Event> events = matching(c.filter(), input);
        TreeSet<Instant> candidates = new TreeSet<>();
        for (Event e : events) {
            candidates.add(e.occurredAt());
            if (c.within() != null) {
                candidates.add(e.occurredAt().plus(c.within()));
            }
        }
        boolean current = countOf(c, events, after);
        for (Instant t : candidates.tailSet(after, false)) {
            if (countOf(c, events, t) != current) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static boolean notFollowed(Condition.NotFollowedBy c, EvaluationInput input, Instant now) {
        return notFollowedOf(c, matching(c.first(), input), matching(c.then(), input), now);
    }

    private static boolean notFollowedOf(Condition.NotFollowedBy c, List<Event> firsts, List<Event> thens,
            Instant now) {
        for (Event first : firsts) {
            Instant start = first.occurredAt();
            Instant end = start.plus(c.followWindow());
            if (end.isAfter(now) || !inWindow(start, c.within(), now)) {
                continue;
            }
            if (thens.stream().noneMatch(t -> !t.occurredAt().isBefore(start) && t.occurredAt().isBefore(end))) {
                return true;
            }
        }
        return false;
    }

    /** The first instant after {@code after} at which the result differs from its result then. */
    static Optional<Instant> notFollowedChange(Condition.NotFollowedBy c, EvaluationInput input, Instant after) {
        List<Event> firsts = matching(c.first(), input);
        List<Event> thens = matching(c.then(), input);
        TreeSet<Instant> candidates = new TreeSet<>();
        for (Event e : firsts) {
            candidates.add(e.occurredAt().plus(c.followWindow()));
            if (c.within() != null) {
                candidates.add(e.occurredAt().plus(c.within()));
            }
        }
        boolean current = notFollowedOf(c, firsts, thens, after);
        for (Instant t : candidates.tailSet(after, false)) {
            if (notFollowedOf(c, firsts, thens, t) != current) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

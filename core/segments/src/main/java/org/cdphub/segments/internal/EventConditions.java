package org.cdphub.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdphub.api.model.Event;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.ValueTest;

/**
 * Event counts and "not followed by", and the next instant either changes by time alone. Works on the sorted times
 * of the matching events, so a count in a window is two binary searches.
 */
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

    /** Times of the events of the filter's type that pass its where-tests, ascending. */
    static Instant[] times(Condition.EventFilter filter, EvaluationInput input) {
        List<Event> events = input.events(filter.type());
        List<Instant> out = new ArrayList<>(events.size());
        for (Event e : events) {
            if (filter.where().isEmpty() || matches(filter, e)) {
                out.add(e.occurredAt());
            }
        }
        Instant[] times = out.toArray(Instant[]::new);
        Arrays.sort(times);
        return times;
    }

    /** How many of the sorted {@code times} are at or before {@code x}. */
    static int countAtOrBefore(Instant[] times, Instant x) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid].isAfter(x)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Events in {@code (now - within, now]}, or up to now without a window. */
    static int inWindow(Instant[] times, Duration within, Instant now) {
        int upToNow = countAtOrBefore(times, now);
        return within == null ? upToNow : upToNow - countAtOrBefore(times, now.minus(within));
    }

    static boolean count(Condition.EventCount c, EvaluationInput input, Instant now) {
        return countOf(c, times(c.filter(), input), now);
    }

    private static boolean countOf(Condition.EventCount c, Instant[] times, Instant now) {
        int n = inWindow(times, c.within(), now);
        return n >= c.atLeast() && (c.atMost() == null || n <= c.atMost());
    }

    /** The first instant after {@code after} at which the count condition's result differs from its result then. */
    static Optional<Instant> countChange(Condition.EventCount c, EvaluationInput input, Instant after) {
        Instant[] times = times(c.filter(), input);
        Instant[] candidates = c.within() == null ? times : merge(times, shifted(times, c.within()));
        return firstChange(candidates, after, t -> countOf(c, times, t));
    }

    static boolean notFollowed(Condition.NotFollowedBy c, EvaluationInput input, Instant now) {
        return notFollowedOf(c, unfollowed(c, input), now);
    }

    /** Times of the first events with no follow-up event in {@code [first, first + followWindow)}, ascending. */
    private static Instant[] unfollowed(Condition.NotFollowedBy c, EvaluationInput input) {
        Instant[] firsts = times(c.first(), input);
        Instant[] thens = times(c.then(), input);
        List<Instant> out = new ArrayList<>();
        for (Instant start : firsts) {
            Instant end = start.plus(c.followWindow());
            // follow-ups in [start, end): those before end minus those before start
            int followUps = countBefore(thens, end) - countBefore(thens, start);
            if (followUps == 0) {
                out.add(start);
            }
        }
        return out.toArray(Instant[]::new);
    }

    private static int countBefore(Instant[] times, Instant x) {
        return countAtOrBefore(times, x.minusNanos(1));
    }

    /** An unfollowed first event whose follow window closed ({@code start <= now - followWindow}) and in the window. */
    private static boolean notFollowedOf(Condition.NotFollowedBy c, Instant[] unfollowed, Instant now) {
        Instant closedBy = now.minus(c.followWindow());
        int closed = countAtOrBefore(unfollowed, closedBy);
        int tooOld = c.within() == null ? 0 : countAtOrBefore(unfollowed, now.minus(c.within()));
        return closed - tooOld > 0;
    }

    /** The first instant after {@code after} at which the result differs from its result then. */
    static Optional<Instant> notFollowedChange(Condition.NotFollowedBy c, EvaluationInput input, Instant after) {
        Instant[] unfollowed = unfollowed(c, input);
        Instant[] closing = shifted(unfollowed, c.followWindow());
        Instant[] candidates = c.within() == null ? closing : merge(closing, shifted(unfollowed, c.within()));
        return firstChange(candidates, after, t -> notFollowedOf(c, unfollowed, t));
    }

    /** The first of the sorted {@code candidates} after {@code after} where the result differs from its result then. */
    private static Optional<Instant> firstChange(Instant[] candidates, Instant after,
            java.util.function.Predicate<Instant> resultAt) {
        boolean current = resultAt.test(after);
        for (int i = countAtOrBefore(candidates, after); i < candidates.length; i++) {
            if (resultAt.test(candidates[i]) != current) {
                return Optional.of(candidates[i]);
            }
        }
        return Optional.empty();
    }

    /** Each of the sorted {@code times} moved by {@code by}: sorted too. */
    private static Instant[] shifted(Instant[] times, Duration by) {
        Instant[] out = new Instant[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = times[i].plus(by);
        }
        return out;
    }

    /** The two sorted arrays as one sorted array (an instant in both is there twice: the search takes it twice). */
    private static Instant[] merge(Instant[] a, Instant[] b) {
        Instant[] out = new Instant[a.length + b.length];
        int i = 0;
        int j = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = j == b.length || (i < a.length && !a[i].isAfter(b[j])) ? a[i++] : b[j++];
        }
        return out;
    }
}

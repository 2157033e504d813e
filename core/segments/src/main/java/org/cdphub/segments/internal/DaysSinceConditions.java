package org.cdphub.segments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.ValueTest;

/** Whole days (24-hour periods, rounded down) since an instant trait, and when a test on them next flips. */
final class DaysSinceConditions {

    private static final long DAY_SECONDS = 86_400;

    private DaysSinceConditions() {
    }

    static Long days(Instant since, Instant now) {
        return Math.floorDiv(Duration.between(since, now).getSeconds(), DAY_SECONDS);
    }

    static boolean test(Condition.DaysSince c, EvaluationInput input, Instant now) {
        Instant since = Values.instant(input.trait(c.trait()));
        return since != null && ValueTests.all(c.tests(), days(since, now));
    }

    /**
     * The result only changes when the day count crosses a number named in the tests, so the candidates are the
     * whole numbers next to each: the first one beyond today's count whose result differs gives the instant.
     */
    static Optional<Instant> change(Condition.DaysSince c, EvaluationInput input, Instant after) {
        Instant since = Values.instant(input.trait(c.trait()));
        if (since == null) {
            return Optional.empty();
        }
        long today = days(since, after);
        boolean current = ValueTests.all(c.tests(), today);
        TreeSet<Long> candidates = new TreeSet<>();
        for (BigDecimal n : numbers(c.tests())) {
            long floor = n.setScale(0, RoundingMode.FLOOR).longValueExact();
            for (long k = floor - 1; k <= floor + 2; k++) {
                candidates.add(k);
            }
        }
        for (long k : candidates.tailSet(today, false)) {
            if (ValueTests.all(c.tests(), k) != current) {
                return Optional.of(since.plusSeconds(k * DAY_SECONDS));
            }
        }
        return Optional.empty();
    }

    private static List<BigDecimal> numbers(List<ValueTest> tests) {
        List<Object> raw = new ArrayList<>();
        for (ValueTest t : tests) {
            if (t instanceof ValueTest.Compare c) {
                raw.add(c.value());
            } else if (t instanceof ValueTest.Between b) {
                raw.add(b.low());
                raw.add(b.high());
            } else if (t instanceof ValueTest.Equals e) {
                raw.add(e.value());
            } else if (t instanceof ValueTest.NotEquals e) {
                raw.add(e.value());
            } else if (t instanceof ValueTest.In in) {
                raw.addAll(in.values());
            } else if (t instanceof ValueTest.NotIn in) {
                raw.addAll(in.values());
            }
        }
        List<BigDecimal> out = new ArrayList<>();
        for (Object o : raw) {
            BigDecimal d = Values.decimal(o);
            if (d != null && d.abs().compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
                out.add(d);
            }
        }
        return out;
    }
}

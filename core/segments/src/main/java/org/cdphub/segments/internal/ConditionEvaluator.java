package org.cdphub.segments.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;

/** The evaluator: fixed Java code per node type, nothing interpreted. */
public final class ConditionEvaluator implements Evaluator {

    /** Steps of the next-flip search before it settles for "re-evaluate then". */
    private static final int MAX_STEPS = 10_000;

    private final ZoneId defaultZone;

    public ConditionEvaluator(ZoneId defaultZone) {
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    @Override
    public boolean evaluate(Condition condition, EvaluationInput input, Instant now) {
        if (condition instanceof Condition.All all) {
            for (Condition c : all.conditions()) {
                if (!evaluate(c, input, now)) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Condition.Any any) {
            for (Condition c : any.conditions()) {
                if (evaluate(c, input, now)) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof Condition.Not not) {
            return !evaluate(not.condition(), input, now);
        }
        if (condition instanceof Condition.Trait t) {
            return ValueTests.all(t.tests(), input.trait(t.trait()));
        }
        if (condition instanceof Condition.DaysSince d) {
            return DaysSinceConditions.test(d, input, now);
        }
        if (condition instanceof Condition.EventCount e) {
            return EventConditions.count(e, input, now);
        }
        if (condition instanceof Condition.NotFollowedBy n) {
            return EventConditions.notFollowed(n, input, now);
        }
        if (condition instanceof Condition.Birthday b) {
            return Birthdays.test(b, input, now, defaultZone);
        }
        if (condition instanceof Condition.Place p) {
            Object value = input.trait(p.trait());
            if (value == null) {
                return false;
            }
            String text = Values.text(value).trim();
            for (String v : p.values()) {
                if (text.equalsIgnoreCase(v)) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof Condition.Near n) {
            return Geo.near(n, input);
        }
        if (condition instanceof Condition.ConsentState c) {
            Consent consent = input.consent(c.purpose(), c.channel());
            ConsentStatus status = consent == null || consent.status() == null ? ConsentStatus.UNKNOWN
                    : consent.status();
            return status == c.status();
        }
        if (condition instanceof Condition.Audience a) {
            return input.dmpAudiences().contains(a.name());
        }
        if (condition instanceof Condition.InSegment s) {
            return input.segments().contains(s.name());
        }
        throw new IllegalStateException("unhandled condition " + condition);
    }

    @Override
    public Optional<Instant> nextFlip(Condition condition, EvaluationInput input, Instant now) {
        return nextFlip(condition, input, now, evaluate(condition, input, now));
    }

    @Override
    public Optional<Instant> nextFlip(Condition condition, EvaluationInput input, Instant now, boolean current) {
        Instant t = now;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<Instant> next = nextChange(condition, input, t);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            t = next.get();
            if (evaluate(condition, input, t) != current) {
                return next;
            }
        }
        return Optional.of(t);
    }

    @Override
    public Set<String> fields(Condition condition) {
        return FieldCollector.fields(condition);
    }

    /** The earliest instant after {@code after} at which some time-dependent leaf changes its result. */
    private Optional<Instant> nextChange(Condition condition, EvaluationInput input, Instant after) {
        if (condition instanceof Condition.All all) {
            return earliest(all.conditions(), false, input, after);
        }
        if (condition instanceof Condition.Any any) {
            return earliest(any.conditions(), true, input, after);
        }
        if (condition instanceof Condition.Not not) {
            return nextChange(not.condition(), input, after);
        }
        if (condition instanceof Condition.DaysSince d) {
            return DaysSinceConditions.change(d, input, after);
        }
        if (condition instanceof Condition.EventCount e) {
            return EventConditions.countChange(e, input, after);
        }
        if (condition instanceof Condition.NotFollowedBy n) {
            return EventConditions.notFollowedChange(n, input, after);
        }
        if (condition instanceof Condition.Birthday b) {
            return Birthdays.change(b, input, after, defaultZone);
        }
        return Optional.empty();
    }

    /**
     * The earliest change of any child; none at all when a child that decides the whole ({@code false} in an all,
     * {@code true} in an any) can never change, so that a time-dependent part next to it is not searched in vain.
     */
    private Optional<Instant> earliest(java.util.List<Condition> conditions, boolean deciding, EvaluationInput input,
            Instant after) {
        Instant best = null;
        for (Condition c : conditions) {
            Optional<Instant> next = nextChange(c, input, after);
            if (next.isEmpty() && evaluate(c, input, after) == deciding) {
                return Optional.empty();
            }
            if (next.isPresent() && (best == null || next.get().isBefore(best))) {
                best = next.get();
            }
        }
        return Optional.ofNullable(best);
    }
}

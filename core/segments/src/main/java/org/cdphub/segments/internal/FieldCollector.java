package org.cdphub.segments.internal;

import java.util.Set;
import java.util.TreeSet;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Fields;

/** The inputs a condition reads, in the naming of {@link Fields}. */
public final class FieldCollector {

    private FieldCollector() {
    }

    public static Set<String> fields(Condition condition) {
        Set<String> out = new TreeSet<>();
        collect(condition, out);
        return Set.copyOf(out);
    }

    private static void collect(Condition condition, Set<String> out) {
        if (condition instanceof Condition.All all) {
            all.conditions().forEach(c -> collect(c, out));
        } else if (condition instanceof Condition.Any any) {
            any.conditions().forEach(c -> collect(c, out));
        } else if (condition instanceof Condition.Not not) {
            collect(not.condition(), out);
        } else if (condition instanceof Condition.Trait t) {
            out.add(t.trait());
        } else if (condition instanceof Condition.DaysSince d) {
            out.add(d.trait());
        } else if (condition instanceof Condition.EventCount e) {
            out.add(Fields.events(e.filter().type()));
        } else if (condition instanceof Condition.NotFollowedBy n) {
            out.add(Fields.events(n.first().type()));
            out.add(Fields.events(n.then().type()));
        } else if (condition instanceof Condition.Birthday b) {
            out.add(b.trait());
            out.add(EvaluationInput.TIME_ZONE_TRAIT);
        } else if (condition instanceof Condition.Place p) {
            out.add(p.trait());
        } else if (condition instanceof Condition.Near) {
            out.add(EvaluationInput.LATITUDE_TRAIT);
            out.add(EvaluationInput.LONGITUDE_TRAIT);
        } else if (condition instanceof Condition.ConsentState) {
            out.add(Fields.CONSENTS);
        } else if (condition instanceof Condition.Audience) {
            out.add(Fields.DMP_AUDIENCES);
        } else if (condition instanceof Condition.InSegment s) {
            out.add(Fields.segment(s.name()));
        } else {
            throw new IllegalStateException("unhandled condition " + condition);
        }
    }
}

package org.cdphub.segments.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cdphub.segments.internal.FieldCollector;

/**
 * Names of the inputs a condition reads, so that the engine re-evaluates only the segments whose inputs changed: a
 * trait by its name ({@code country}, {@code dmpAudiences}, {@code timeZone}), {@code events:<type>},
 * {@value #CONSENTS}, and {@code segments:<name>}.
 */
public final class Fields {

    /** Any consent. */
    public static final String CONSENTS = "consents";
    /** The DMP audiences (also the name of the trait that holds them). */
    public static final String DMP_AUDIENCES = EvaluationInput.DMP_AUDIENCES_TRAIT;

    private Fields() {
    }

    /** The field of events of one type. */
    public static String events(String type) {
        return "events:" + type;
    }

    /** The field of membership of one segment. */
    public static String segment(String name) {
        return "segments:" + name;
    }

    /** The inputs {@code condition} reads. */
    public static Set<String> of(Condition condition) {
        return FieldCollector.fields(condition);
    }

    /** The fields whose values differ between two inputs of the same person. */
    public static Set<String> changed(EvaluationInput before, EvaluationInput after) {
        Set<String> out = new TreeSet<>();
        Set<String> traitNames = new HashSet<>(before.traits().keySet());
        traitNames.addAll(after.traits().keySet());
        for (String name : traitNames) {
            if (!Objects.equals(before.trait(name), after.trait(name))) {
                out.add(name);
            }
        }
        if (!before.consents().equals(after.consents())) {
            out.add(CONSENTS);
        }
        Set<String> types = new HashSet<>(before.eventsByType().keySet());
        types.addAll(after.eventsByType().keySet());
        for (String type : types) {
            if (!before.events(type).equals(after.events(type))) {
                out.add(events(type));
            }
        }
        Set<String> segments = new HashSet<>(before.segments());
        segments.addAll(after.segments());
        for (String name : segments) {
            if (before.segments().contains(name) != after.segments().contains(name)) {
                out.add(segment(name));
            }
        }
        return out;
    }

    /** The definitions, in the given order, that read at least one of {@code changed}. */
    public static List<SegmentDefinition> affected(Collection<SegmentDefinition> definitions, Set<String> changed) {
        List<SegmentDefinition> out = new ArrayList<>();
        for (SegmentDefinition d : definitions) {
            if (of(d.condition()).stream().anyMatch(changed::contains)) {
                out.add(d);
            }
        }
        return out;
    }
}

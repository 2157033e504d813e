package org.cdphub.segments.internal.parse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.ValueTest;

/** Reads {@code event:} conditions: counts in a window, or "not followed by". */
final class EventReader {

    private static final List<String> COUNT_KEYS = List.of("event", "where", "atLeast", "atMost", "within",
            "notFollowedBy");
    private static final List<String> FOLLOW_KEYS = List.of("event", "where", "within");

    private final Nodes nodes;
    private final ValueTestReader tests;

    EventReader(Nodes nodes, ValueTestReader tests) {
        this.nodes = nodes;
        this.tests = tests;
    }

    Condition read(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        nodes.onlyKeys(m, COUNT_KEYS, "an event condition");
        Condition.EventFilter filter = filter(m, kind);
        Duration within = m.entries().containsKey("within")
                ? nodes.duration(m.entries().get("within").value(), "within") : null;
        Node.Entry follow = m.entries().get("notFollowedBy");
        if (follow != null) {
            for (String countKey : List.of("atLeast", "atMost")) {
                if (m.entries().containsKey(countKey)) {
                    throw nodes.error(m.entries().get(countKey).line(), "'" + countKey
                            + "' cannot be combined with 'notFollowedBy'");
                }
            }
            Node.Mapping f = nodes.mapping(follow.value(), "'notFollowedBy'");
            nodes.onlyKeys(f, FOLLOW_KEYS, "'notFollowedBy'");
            Condition.EventFilter then = filter(f, nodes.required(f, "event", "'notFollowedBy'"));
            Duration window = nodes.duration(nodes.required(f, "within", "'notFollowedBy'").value(), "within");
            if (within != null && within.compareTo(window) <= 0) {
                throw nodes.error(m.entries().get("within").line(), "'within' (" + within + ") must be longer than"
                        + " the notFollowedBy window (" + window + "), or no event can count");
            }
            return new Condition.NotFollowedBy(filter, then, window, within);
        }
        int atLeast = m.entries().containsKey("atLeast")
                ? nodes.integer(m.entries().get("atLeast").value(), "'atLeast'", 0, 1_000_000) : 1;
        Integer atMost = null;
        if (m.entries().containsKey("atMost")) {
            Node.Entry entry = m.entries().get("atMost");
            atMost = nodes.integer(entry.value(), "'atMost'", 0, 1_000_000);
            if (atMost < atLeast) {
                throw nodes.error(entry.line(), "'atMost' " + atMost + " is below 'atLeast' " + atLeast);
            }
            if (!m.entries().containsKey("atLeast")) {
                atLeast = 0;
            }
        }
        return new Condition.EventCount(filter, atLeast, atMost, within);
    }

    private Condition.EventFilter filter(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        String type = nodes.text(kind.value(), "event");
        Map<String, List<ValueTest>> where = new LinkedHashMap<>();
        Node.Entry whereEntry = m.entries().get("where");
        if (whereEntry != null) {
            Node.Mapping w = nodes.mapping(whereEntry.value(), "'where'");
            for (Node.Entry property : w.entries().values()) {
                if (property.value() instanceof Node.Mapping ops) {
                    where.put(property.key(), tests.read(ops, Set.of(), "property '" + property.key() + "'"));
                } else {
                    where.put(property.key(), List.of(new ValueTest.Equals(
                            nodes.scalar(property.value(), "property '" + property.key() + "'"), false)));
                }
            }
        }
        return new Condition.EventFilter(type, where);
    }
}

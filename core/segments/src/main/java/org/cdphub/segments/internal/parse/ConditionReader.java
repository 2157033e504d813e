package org.cdphub.segments.internal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.SegmentDefinition;

/** Reads a condition node (a mapping with exactly one kind key) into a {@link Condition}. */
final class ConditionReader {

    /** The keys that say what kind of condition a mapping is. */
    static final Set<String> KINDS = Nodes.keys("all", "any", "not", "trait", "daysSince", "event", "birthday",
            "location", "consent", "audience", "segment");
    /** Trait names that stand for days since another trait. */
    static final Map<String, String> DERIVED_DAYS = Map.of("daysSinceLastOrder", "lastOrderAt",
            "daysSinceFirstOrder", "firstOrderAt");

    private final Nodes nodes;
    private final ValueTestReader tests;
    private final EventReader events;

    ConditionReader(Nodes nodes) {
        this.nodes = nodes;
        this.tests = new ValueTestReader(nodes);
        this.events = new EventReader(nodes, tests);
    }

    Condition read(Node node, int depth) throws DefinitionException {
        if (depth > NodeReader.MAX_DEPTH) {
            throw nodes.error(node.line(), "conditions nested more than " + NodeReader.MAX_DEPTH + " deep");
        }
        Node.Mapping m = nodes.mapping(node, "a condition");
        Node.Entry kind = null;
        for (Node.Entry entry : m.entries().values()) {
            if (KINDS.contains(entry.key())) {
                if (kind != null) {
                    throw nodes.error(entry.line(), "a condition has exactly one of " + String.join(", ", KINDS)
                            + ": found both '" + kind.key() + "' and '" + entry.key() + "' (combine them with all:)");
                }
                kind = entry;
            }
        }
        if (kind == null) {
            Node.Entry first = m.entries().values().stream().findFirst().orElse(null);
            int line = first == null ? m.line() : first.line();
            throw nodes.error(line, (first == null ? "empty condition" : "unknown key '" + first.key() + "'")
                    + ": a condition starts with one of " + String.join(", ", KINDS));
        }
        return switch (kind.key()) {
            case "all", "any" -> logic(m, kind, depth);
            case "not" -> {
                nodes.onlyKeys(m, Set.of("not"), "a not condition");
                yield new Condition.Not(read(kind.value(), depth + 1));
            }
            case "trait" -> trait(m, kind);
            case "daysSince" -> new Condition.DaysSince(nodes.text(kind.value(), "daysSince"),
                    tests.read(m, Set.of("daysSince"), "daysSince '" + nodes.text(kind.value(), "daysSince") + "'"));
            case "event" -> events.read(m, kind);
            case "birthday" -> birthday(m, kind);
            case "location" -> new LocationReader(nodes).read(m, kind);
            case "consent" -> consent(m, kind);
            case "audience" -> {
                nodes.onlyKeys(m, Set.of("audience"), "an audience condition");
                yield new Condition.Audience(nodes.text(kind.value(), "audience"));
            }
            case "segment" -> segment(m, kind);
            default -> throw new IllegalStateException(kind.key());
        };
    }

    private Condition logic(Node.Mapping m, Node.Entry kind, int depth) throws DefinitionException {
        nodes.onlyKeys(m, Set.of(kind.key()), "an " + kind.key() + " condition");
        Node.Sequence seq = nodes.sequence(kind.value(), "'" + kind.key() + "'");
        if (seq.items().isEmpty()) {
            throw nodes.error(kind.line(), "'" + kind.key() + "' needs at least one condition");
        }
        List<Condition> children = new ArrayList<>();
        for (Node item : seq.items()) {
            children.add(read(item, depth + 1));
        }
        return kind.key().equals("all") ? new Condition.All(children) : new Condition.Any(children);
    }

    private Condition trait(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        String name = nodes.text(kind.value(), "trait");
        var read = tests.read(m, Set.of("trait"), "trait '" + name + "'");
        String derivedFrom = DERIVED_DAYS.get(name);
        return derivedFrom == null ? new Condition.Trait(name, read) : new Condition.DaysSince(derivedFrom, read);
    }

    private Condition birthday(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        nodes.onlyKeys(m, Set.of("birthday"), "a birthday condition");
        Node.Mapping b = nodes.mapping(kind.value(), "'birthday'");
        nodes.onlyKeys(b, List.of("withinDays", "trait"), "'birthday'");
        int days = nodes.integer(nodes.required(b, "withinDays", "'birthday'").value(), "'withinDays'", 1, 366);
        Node.Entry trait = b.entries().get("trait");
        return new Condition.Birthday(trait == null ? org.cdphub.segments.api.EvaluationInput.BIRTH_DATE_TRAIT
                : nodes.text(trait.value(), "'trait'"), days);
    }

    private Condition consent(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        nodes.onlyKeys(m, List.of("consent", "status"), "a consent condition");
        String key = nodes.text(kind.value(), "consent");
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
            throw nodes.error(kind.line(), "consent must be written purpose/channel, for example marketing/email;"
                    + " found '" + key + "'");
        }
        ConsentStatus status = ConsentStatus.GRANTED;
        Node.Entry statusEntry = m.entries().get("status");
        if (statusEntry != null) {
            String text = nodes.text(statusEntry.value(), "status");
            try {
                status = ConsentStatus.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw nodes.error(statusEntry.line(), "unknown consent status '" + text
                        + "' (granted, denied, unknown)");
            }
        }
        return new Condition.ConsentState(key.substring(0, slash).trim(), key.substring(slash + 1).trim(), status);
    }

    private Condition segment(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        nodes.onlyKeys(m, Set.of("segment"), "a segment condition");
        String name = nodes.text(kind.value(), "segment");
        if (!SegmentDefinition.isValidName(name)) {
            throw nodes.error(kind.line(), "'" + name + "' is not a segment name (lower-case letters, digits, '-')");
        }
        return new Condition.InSegment(name);
    }
}

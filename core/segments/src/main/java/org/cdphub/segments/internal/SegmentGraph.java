package org.cdphub.segments.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdphub.segments.api.Fields;
import org.cdphub.segments.api.SegmentDefinition;

/** The "refers to segment" graph of definitions: evaluation order and cycles. */
public final class SegmentGraph {

    private SegmentGraph() {
    }

    /** Names of the segments a definition refers to. */
    public static Set<String> references(SegmentDefinition definition) {
        Set<String> out = new TreeSet<>();
        String prefix = Fields.segment("");
        for (String field : Fields.of(definition.condition())) {
            if (field.startsWith(prefix)) {
                out.add(field.substring(prefix.length()));
            }
        }
        return out;
    }

    /**
     * The definitions ordered so that every segment comes after the segments it refers to (by name where the order
     * is free). References to undefined segments are ignored. Assumes there is no cycle.
     */
    public static List<SegmentDefinition> order(Collection<SegmentDefinition> definitions) {
        Map<String, SegmentDefinition> byName = new TreeMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        Map<String, SegmentDefinition> done = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, new TreeSet<>());
        }
        return List.copyOf(done.values());
    }

    private static void visit(String name, Map<String, SegmentDefinition> byName,
            Map<String, SegmentDefinition> done, Set<String> path) {
        SegmentDefinition d = byName.get(name);
        if (d == null || done.containsKey(name) || !path.add(name)) {
            return;
        }
        for (String ref : references(d)) {
            visit(ref, byName, done, path);
        }
        done.put(name, d);
    }

    /** A cycle through {@code start} as {@code start -> ... -> start}, if the definitions have one. */
    public static Optional<List<String>> cycleThrough(String start, Collection<SegmentDefinition> definitions) {
        Map<String, SegmentDefinition> byName = new TreeMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        List<String> path = new ArrayList<>();
        path.add(start);
        return search(start, start, byName, path, new TreeSet<>());
    }

    private static Optional<List<String>> search(String current, String start, Map<String, SegmentDefinition> byName,
            List<String> path, Set<String> seen) {
        SegmentDefinition d = byName.get(current);
        if (d == null || !seen.add(current)) {
            return Optional.empty();
        }
        for (String ref : references(d)) {
            path.add(ref);
            if (ref.equals(start)) {
                return Optional.of(List.copyOf(path));
            }
            Optional<List<String>> found = search(ref, start, byName, path, seen);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return Optional.empty();
    }
}

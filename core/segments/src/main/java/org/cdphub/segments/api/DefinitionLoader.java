package org.cdphub.segments.api;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cdphub.segments.internal.SegmentGraph;

/**
 * The active segment definitions of a set of files, for hot reloading: a file that fails to parse, defines a name
 * another file already defines, or closes a cycle of segment references is reported and its previous version (if
 * any) stays active. A file refused for a name or a cycle is tried again at every sync, so it becomes active once the
 * file it clashed with is gone or changed. Of two files that define one name, the one that was active keeps it: within
 * a run the loader knows which (also when its file is renamed, if its condition is unchanged); a loader that starts
 * afresh is told by {@code syncDirectory}'s {@code incumbent} (the definition the store last evaluated), and
 * otherwise takes the files in name order. Thread-safe.
 */
public final class DefinitionLoader {

    private final Map<String, SegmentDefinition> active = new TreeMap<>();
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, DefinitionException> errors = new TreeMap<>();
    private long generation;

    /**
     * Loads (or reloads) one file. Returns the problem, if any; then the file's previous definition stays active.
     */
    public synchronized Optional<DefinitionException> load(String file, String text) {
        texts.put(file, text);
        try {
            SegmentDefinition definition = SegmentParser.parse(file, text);
            check(file, definition);
            if (!definition.equals(active.get(file))) {
                active.put(file, definition);
                generation++;
            }
            errors.remove(file);
            return Optional.empty();
        } catch (DefinitionException e) {
            errors.put(file, e);
            return Optional.of(e);
        }
    }

    /** Forgets a file (deleted): its definition is no longer active. */
    public synchronized void remove(String file) {
        texts.remove(file);
        errors.remove(file);
        if (active.remove(file) != null) {
            generation++;
        }
    }

    /**
     * Brings the loader in line with the definition files ({@code *.yaml}, {@code *.yml}, {@code *.json}, not
     * hidden) directly in {@code dir}: changed files are reloaded, deleted ones removed. Returns the current problems
     * of all files.
     */
    public synchronized List<DefinitionException> syncDirectory(Path dir) throws IOException {
        return syncDirectory(dir, definition -> false);
    }

    /**
     * As {@link #syncDirectory(Path)}; of the files to load, those whose definition {@code incumbent} accepts (the
     * definition that was active before, such as the one the store last evaluated) are loaded first, so that a file
     * added later with the same segment name does not take it over when the loader starts afresh.
     */
    public synchronized List<DefinitionException> syncDirectory(Path dir, Predicate<SegmentDefinition> incumbent)
            throws IOException {
        Map<String, Path> present = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(p -> {
                    String name = p.getFileName().toString();
                    if (!name.startsWith(".") && SegmentParser.isDefinitionFile(name)) {
                        present.put(name, p);
                    }
                });
            }
        }
        // what was active before this sync stays first in line (a file renamed while another defines the same name)
        List<SegmentDefinition> before = List.copyOf(active.values());
        Predicate<SegmentDefinition> first = incumbent.or(d -> before.stream().anyMatch(b -> b.name().equals(d.name())
                && b.condition().equals(d.condition())));
        for (String file : new ArrayList<>(texts.keySet())) {
            if (!present.containsKey(file)) {
                remove(file);
            }
        }
        errors.keySet().removeIf(file -> !present.containsKey(file)); // also those never read (not UTF-8)
        Map<String, String> toLoad = new TreeMap<>(); // changed files, and those refused last time
        for (Map.Entry<String, Path> e : present.entrySet()) {
            String text;
            try {
                text = Files.readString(e.getValue(), StandardCharsets.UTF_8);
            } catch (CharacterCodingException bad) {
                errors.put(e.getKey(), new DefinitionException(e.getKey(), 1, "not UTF-8 text"));
                continue;
            }
            if (!text.equals(texts.get(e.getKey())) || errors.containsKey(e.getKey())) {
                toLoad.put(e.getKey(), text);
            }
        }
        List<String> order = new ArrayList<>(); // the incumbents first, each group in name order
        List<String> others = new ArrayList<>();
        toLoad.forEach((file, text) -> (isIncumbent(file, text, first) ? order : others).add(file));
        order.addAll(others);
        for (String file : order) {
            load(file, toLoad.get(file));
        }
        return errors();
    }

    private static boolean isIncumbent(String file, String text, Predicate<SegmentDefinition> incumbent) {
        try {
            return incumbent.test(SegmentParser.parse(file, text));
        } catch (DefinitionException e) {
            return false;
        }
    }

    /** The active definitions, each after the segments it refers to. */
    public synchronized List<SegmentDefinition> definitions() {
        return SegmentGraph.order(active.values());
    }

    /** The active definition of a segment name. */
    public synchronized Optional<SegmentDefinition> definition(String name) {
        return active.values().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The current problem of each file that has one, by file name. */
    public synchronized List<DefinitionException> errors() {
        return List.copyOf(errors.values());
    }

    /** A number that grows whenever the set of active definitions changes. */
    public synchronized long generation() {
        return generation;
    }

    private void check(String file, SegmentDefinition definition) throws DefinitionException {
        for (Map.Entry<String, SegmentDefinition> other : active.entrySet()) {
            if (!other.getKey().equals(file) && other.getValue().name().equals(definition.name())) {
                throw new DefinitionException(file, 1, "segment '" + definition.name() + "' is already defined in "
                        + other.getKey());
            }
        }
        Map<String, SegmentDefinition> candidate = new TreeMap<>(active);
        candidate.put(file, definition);
        Optional<List<String>> cycle = SegmentGraph.cycleThrough(definition.name(), candidate.values());
        if (cycle.isPresent()) {
            throw new DefinitionException(file, 1, "segment references form a cycle: "
                    + String.join(" -> ", cycle.get()));
        }
    }
}

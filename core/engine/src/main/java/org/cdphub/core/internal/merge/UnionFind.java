package org.cdphub.core.internal.merge;

import java.util.HashMap;
import java.util.Map;

/** Disjoint sets of strings, with path halving and union by size. Not thread-safe; one per merge. */
final class UnionFind {

    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, Integer> size = new HashMap<>();

    /** Whether {@code node} was seen (by {@link #find} or {@link #union}). */
    boolean contains(String node) {
        return parent.containsKey(node);
    }

    /** The representative of {@code node}'s set; an unknown node becomes a set of its own. */
    String find(String node) {
        String current = node;
        if (!parent.containsKey(current)) {
            parent.put(current, current);
            size.put(current, 1);
            return current;
        }
        while (!parent.get(current).equals(current)) {
            String grandParent = parent.get(parent.get(current));
            parent.put(current, grandParent);
            current = grandParent;
        }
        return current;
    }

    void union(String a, String b) {
        String rootA = find(a);
        String rootB = find(b);
        if (rootA.equals(rootB)) {
            return;
        }
        if (size.get(rootA) < size.get(rootB)) {
            String swap = rootA;
            rootA = rootB;
            rootB = swap;
        }
        parent.put(rootB, rootA);
        size.put(rootA, size.get(rootA) + size.get(rootB));
    }
}

package org.cdphub.core.internal.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Disjoint sets of nodes (compared with {@code equals}), with path halving and union by size. Each node is looked up
 * once per call; the sets themselves are arrays of node numbers. Not thread-safe; one per merge.
 */
final class UnionFind<T> {

    private final Map<T, Integer> numbers = new HashMap<>();
    private final List<T> nodes = new ArrayList<>();
    private int[] parent = new int[64];
    private int[] size = new int[64];

    /** Whether {@code node} was seen (by {@link #find} or {@link #union}). */
    boolean contains(T node) {
        return numbers.containsKey(node);
    }

    /** The representative of {@code node}'s set; an unknown node becomes a set of its own. */
    T find(T node) {
        return nodes.get(root(number(node)));
    }

    void union(T a, T b) {
        int rootA = root(number(a));
        int rootB = root(number(b));
        if (rootA == rootB) {
            return;
        }
        if (size[rootA] < size[rootB]) {
            int swap = rootA;
            rootA = rootB;
            rootB = swap;
        }
        parent[rootB] = rootA;
        size[rootA] += size[rootB];
    }

    private int number(T node) {
        Integer known = numbers.get(node);
        if (known != null) {
            return known;
        }
        int n = nodes.size();
        if (n == parent.length) {
            parent = Arrays.copyOf(parent, n * 2);
            size = Arrays.copyOf(size, n * 2);
        }
        nodes.add(node);
        numbers.put(node, n);
        parent[n] = n;
        size[n] = 1;
        return n;
    }

    private int root(int n) {
        int current = n;
        while (parent[current] != current) {
            parent[current] = parent[parent[current]];
            current = parent[current];
        }
        return current;
    }
}

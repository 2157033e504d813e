package org.cdphub.matching.internal.cluster;

import java.util.HashMap;
import java.util.Map;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.internal.compare.FieldComparator;
import org.cdphub.matching.internal.compare.Levels;
import org.cdphub.matching.internal.compare.Prepared;
import org.cdphub.matching.internal.model.Weights;

/**
 * Matched pairs to clusters without chaining strangers: pairs are taken from the highest score down; two singletons
 * join when their pair is above the threshold, but two clusters of which one holds more than a record join only when
 * the average score over all their cross pairs (average link) reaches the link threshold and no cross pair is vetoed
 * (given name and birth date both different, see {@link Weights}). With the national-id veto
 * on, two clusters whose national ids are all far apart (more than two edits) never join.
 */
public final class Clusterer {
    private final Prepared[] records;
    private final Weights weights;
    private final double linkThreshold;
    private final boolean idVeto;
    private final int[] parent;
    private final int[] size;
    /** Members of a cluster form a cycle through next[]. */
    private final int[] next;
    private final Map<Long, Long> refused = new HashMap<>();
    private long crossComparisons;
    private long refusedMerges;

    public Clusterer(Prepared[] records, Weights weights, double linkThreshold, boolean idVeto) {
        this.records = records;
        this.idVeto = idVeto;
        this.weights = weights;
        this.linkThreshold = linkThreshold;
        int n = records.length;
        parent = new int[n];
        size = new int[n];
        next = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            next[i] = i;
        }
    }

    /** Clusters the records; returns the root record index of every record's cluster. */
    public int[] cluster(EdgeList edges) {
        for (int e : edges.byScoreDescending()) {
            int ra = find(edges.a(e));
            int rb = find(edges.b(e));
            if (ra != rb && accept(ra, rb)) {
                union(ra, rb);
            }
        }
        int[] label = new int[records.length];
        for (int i = 0; i < label.length; i++) {
            label[i] = find(i);
        }
        return label;
    }

    public long crossComparisons() {
        return crossComparisons;
    }

    public long refusedMerges() {
        return refusedMerges;
    }

    private boolean accept(int ra, int rb) {
        long key = ra < rb ? ((long) ra << 32) | rb : ((long) rb << 32) | ra;
        long sizes = ((long) size[ra] << 32) | size[rb];
        Long before = refused.get(key);
        if (before != null && before == sizes) {
            return false;
        }
        boolean ok = !(idVeto && idsConflict(ra, rb)) && (size[ra] + size[rb] == 2 || averageLink(ra, rb) >= linkThreshold);
        if (!ok) {
            refused.put(key, sizes);
            refusedMerges++;
        }
        return ok;
    }

    private double averageLink(int ra, int rb) {
        double sum = 0;
        int pairs = 0;
        int x = ra;
        do {
            int y = rb;
            do {
                double score = weights.score(records[x], records[y]);
                if (score == Double.NEGATIVE_INFINITY) {
                    crossComparisons += pairs + 1;
                    return score; // a vetoed pair: the clusters hold two different people
                }
                sum += score;
                pairs++;
                y = next[y];
            } while (y != rb);
            x = next[x];
        } while (x != ra);
        crossComparisons += pairs;
        return sum / pairs;
    }

    /** Both clusters hold national ids and none of theirs is within two edits of one of the other's. */
    private boolean idsConflict(int ra, int rb) {
        int id = Field.NATIONAL_ID.ordinal();
        boolean both = false;
        int x = ra;
        do {
            if (records[x].get(Field.NATIONAL_ID) != null) {
                int y = rb;
                do {
                    if (records[y].get(Field.NATIONAL_ID) != null) {
                        both = true;
                        if (FieldComparator.compare(id, records[x], records[y]) != Levels.DIFFERENT) {
                            return false;
                        }
                    }
                    y = next[y];
                } while (y != rb);
            }
            x = next[x];
        } while (x != ra);
        return both;
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void union(int ra, int rb) {
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        int t = next[ra];
        next[ra] = next[rb];
        next[rb] = t;
    }
}

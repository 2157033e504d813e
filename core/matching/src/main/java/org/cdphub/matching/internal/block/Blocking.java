package org.cdphub.matching.internal.block;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * Candidate pairs from several blocking keys. For every rule the records are sorted by a 64-bit hash of their key;
 * a run of equal hashes is a block. Blocks larger than the cap are skipped (and counted). A pair that shares an
 * earlier rule's (kept) block is visited only there, so every candidate pair is visited exactly once.
 */
public final class Blocking {
    private final List<BlockingRule> rules;
    private final int cap;
    private final int n;
    private final int idxBits;
    private final long idxMask;
    /** Per rule and record: the hash of its key with the index bits cleared; 0 = no key or an oversized block. */
    private final long[][] hashes;
    /** Per rule: sorted (hash | index) of the records in kept blocks, and where each block starts. */
    private final long[][] sorted;
    private final int[][] blockStarts;
    private final BlockingStats stats;

    public Blocking(Prepared[] records, List<BlockingRule> rules, int cap) {
        this.rules = List.copyOf(rules);
        this.cap = cap;
        this.n = records.length;
        this.idxBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
        this.idxMask = (1L << idxBits) - 1;
        this.hashes = new long[rules.size()][];
        this.sorted = new long[rules.size()][];
        this.blockStarts = new int[rules.size()][];
        this.stats = new BlockingStats(rules);
        Phonetics phonetics = new Phonetics();
        for (int r = 0; r < rules.size(); r++) {
            build(r, records, phonetics);
        }
    }

    private void build(int r, Prepared[] records, Phonetics phonetics) {
        BlockingRule rule = rules.get(r);
        long[] h = new long[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            String key = rule.key(records[i], phonetics);
            h[i] = key == null ? 0 : hash(key, r) & ~idxMask;
        });
        long[] packed = IntStream.range(0, n).filter(i -> h[i] != 0).mapToLong(i -> h[i] | i).toArray();
        Arrays.parallelSort(packed);
        List<Integer> starts = new ArrayList<>();
        int kept = 0;
        for (int s = 0; s < packed.length; ) {
            int e = s + 1;
            while (e < packed.length && (packed[e] & ~idxMask) == (packed[s] & ~idxMask)) {
                e++;
            }
            int size = e - s;
            if (size > cap) {
                stats.oversized(r, size);
                for (int k = s; k < e; k++) {
                    h[(int) (packed[k] & idxMask)] = 0;
                }
            } else {
                if (size > 1) {
                    stats.block(r, size);
                    for (int k = s; k < e; k++) {
                        packed[kept++] = packed[k];
                    }
                    starts.add(kept - size);
                }
            }
            s = e;
        }
        starts.add(kept);
        hashes[r] = h;
        sorted[r] = Arrays.copyOf(packed, kept);
        blockStarts[r] = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long hash(String key, int rule) {
        long h = 0xcbf29ce484222325L ^ (rule * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    public BlockingStats stats() {
        return stats;
    }

    public int ruleCount() {
        return rules.size();
    }

    /** Visits a candidate pair; one instance per worker thread. */
    public interface PairVisitor {
        void visit(int a, int b);
    }

    /**
     * Visits every candidate pair once, in parallel; returns the visitors that were created (one per chunk of blocks)
     * so the caller can merge what they gathered.
     */
    public <V extends PairVisitor> List<V> forEachPair(Supplier<V> visitors) {
        List<V> all = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            int rule = r;
            int blocks = blockStarts[r].length - 1;
            int chunks = Math.min(blocks, 64);
            List<V> created = IntStream.range(0, chunks).parallel().mapToObj(c -> {
                V v = visitors.get();
                for (int b = (int) ((long) blocks * c / chunks); b < (long) blocks * (c + 1) / chunks; b++) {
                    visitBlock(rule, b, v);
                }
                return v;
            }).toList();
            all.addAll(created);
        }
        return all;
    }

    private void visitBlock(int r, int b, PairVisitor v) {
        long[] s = sorted[r];
        int from = blockStarts[r][b];
        int to = blockStarts[r][b + 1];
        for (int x = from; x < to; x++) {
            int a = (int) (s[x] & idxMask);
            for (int y = x + 1; y < to; y++) {
                int c = (int) (s[y] & idxMask);
                if (!sharedEarlier(r, a, c)) {
                    v.visit(a, c);
                }
            }
        }
    }

    private boolean sharedEarlier(int rule, int a, int b) {
        for (int r = 0; r < rule; r++) {
            long ha = hashes[r][a];
            if (ha != 0 && ha == hashes[r][b]) {
                return true;
            }
        }
        return false;
    }
}

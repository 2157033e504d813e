package org.cdphub.matching.internal.block;

import java.util.List;
import java.util.Locale;

/** Per rule: blocks kept, pairs they hold (before de-duplication across rules), blocks skipped over the cap. */
public final class BlockingStats {
    private final List<BlockingRule> rules;
    private final long[] blocks;
    private final long[] pairs;
    private final long[] oversized;
    private final long[] oversizedRecords;
    private final int[] largest;

    BlockingStats(List<BlockingRule> rules) {
        this.rules = rules;
        int r = rules.size();
        blocks = new long[r];
        pairs = new long[r];
        oversized = new long[r];
        oversizedRecords = new long[r];
        largest = new int[r];
    }

    void block(int rule, int size) {
        blocks[rule]++;
        pairs[rule] += (long) size * (size - 1) / 2;
        largest[rule] = Math.max(largest[rule], size);
    }

    void oversized(int rule, int size) {
        oversized[rule]++;
        oversizedRecords[rule] += size;
    }

    public long totalPairs() {
        long t = 0;
        for (long p : pairs) {
            t += p;
        }
        return t;
    }

    public long totalOversized() {
        long t = 0;
        for (long o : oversized) {
            t += o;
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rules.size(); r++) {
            sb.append(String.format(Locale.ROOT, "  %-16s blocks %,9d  pairs %,12d  largest %4d  over cap %,d (%,d records)%n",
                    rules.get(r), blocks[r], pairs[r], largest[r], oversized[r], oversizedRecords[r]));
        }
        return sb.toString();
    }
}

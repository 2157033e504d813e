package org.cdphub.matching.internal.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairwise precision, recall and F1 of final clusters against a truth: every unordered pair of records in the same
 * cluster is a predicted match, every pair with the same truth label a true match.
 */
public record PairwiseEvaluation(long predictedPairs, long truePairs, long correctPairs) {

    /** Compares cluster labels with truth labels, both one per record. */
    public static PairwiseEvaluation of(int[] cluster, int[] truth) {
        Map<Integer, long[]> clusterSizes = new HashMap<>();
        Map<Integer, long[]> truthSizes = new HashMap<>();
        Map<Long, long[]> both = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            clusterSizes.computeIfAbsent(cluster[i], k -> new long[1])[0]++;
            truthSizes.computeIfAbsent(truth[i], k -> new long[1])[0]++;
            both.computeIfAbsent(((long) cluster[i] << 32) | (truth[i] & 0xffffffffL), k -> new long[1])[0]++;
        }
        return new PairwiseEvaluation(pairs(clusterSizes), pairs(truthSizes), pairs(both));
    }

    /**
     * Truth labels from record ids: the first group of {@code regex} (or the whole match without a group); an id the
     * regex does not match is a person of its own.
     */
    public static int[] truthFromIds(String[] ids, String regex) {
        Pattern p = Pattern.compile(regex);
        Map<String, Integer> labels = new HashMap<>();
        int[] truth = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Matcher m = p.matcher(ids[i]);
            String key = m.find() ? "=" + (m.groupCount() > 0 ? m.group(1) : m.group()) : "#" + i;
            truth[i] = labels.computeIfAbsent(key, k -> labels.size());
        }
        return truth;
    }

    private static <K> long pairs(Map<K, long[]> sizes) {
        long total = 0;
        for (long[] s : sizes.values()) {
            total += s[0] * (s[0] - 1) / 2;
        }
        return total;
    }

    public double precision() {
        return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "precision %.4f  recall %.4f  F1 %.4f  (pairs: predicted %,d, true %,d, correct %,d)",
                precision(), recall(), f1(), predictedPairs, truePairs, correctPairs);
    }
}

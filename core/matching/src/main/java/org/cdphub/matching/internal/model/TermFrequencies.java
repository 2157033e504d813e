package org.cdphub.matching.internal.model;

import java.util.HashMap;
import java.util.Map;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * Term-frequency adjustment: exact agreement on a rare name says more than on a common one. For given name, surname,
 * street and city every record gets the weight log2(m / u_v) of its own value, with u_v the share of records
 * holding that value less the share expected to be other records of the same person.
 */
public final class TermFrequencies {
    /** The adjusted fields; a record's term weights are indexed like this array. */
    public static final Field[] FIELDS = {Field.FIRST_NAME, Field.LAST_NAME, Field.ADDRESS_LINE1, Field.CITY};
    private static final int[] INDEX = new int[Field.SCORED_COUNT];
    static final int MIN_PRESENT = 1000;

    static {
        java.util.Arrays.fill(INDEX, -1);
        for (int k = 0; k < FIELDS.length; k++) {
            INDEX[FIELDS[k].ordinal()] = k;
        }
    }

    private TermFrequencies() {
    }

    /** The index of the field in a record's term weights, or -1. */
    public static int index(int field) {
        return INDEX[field];
    }

    /**
     * Sets the term weights of every record and returns the largest weight per field (index like {@link #FIELDS}).
     *
     * @param expectedMatches the number of true pairs EM expects among all pairs
     */
    public static double[] apply(Prepared[] records, MatchModel model, double expectedMatches) {
        double[] max = new double[FIELDS.length];
        float[][] weights = new float[records.length][];
        for (int i = 0; i < records.length; i++) {
            weights[i] = new float[FIELDS.length];
            java.util.Arrays.fill(weights[i], Float.NaN);
        }
        java.util.stream.IntStream.range(0, FIELDS.length).parallel().forEach(k -> {
            Field f = FIELDS[k];
            Map<String, int[]> counts = new HashMap<>();
            long present = 0;
            for (Prepared r : records) {
                String v = r.get(f);
                if (v != null) {
                    counts.computeIfAbsent(v, x -> new int[1])[0]++;
                    present++;
                }
            }
            if (present < MIN_PRESENT) {
                return; // too few values to estimate frequencies: the model's average weight applies
            }
            double same = 0;
            for (int[] c : counts.values()) {
                same += (double) c[0] * (c[0] - 1) / 2;
            }
            double share = (double) present / Math.max(1, records.length);
            double mExact = model.m(f, Level.EXACT);
            double selfShare = same == 0 ? 0 : Math.min(0.9, expectedMatches * share * share * mExact / same);
            for (int i = 0; i < records.length; i++) {
                String v = records[i].get(f);
                if (v == null) {
                    continue;
                }
                double others = Math.max(1, counts.get(v)[0] * (1 - selfShare));
                double w = Math.log(mExact / (others / present)) / Math.log(2);
                weights[i][k] = (float) w;
                max[k] = Math.max(max[k], w);
            }
        });
        for (int i = 0; i < records.length; i++) {
            records[i].termWeights(weights[i]);
        }
        return max;
    }
}

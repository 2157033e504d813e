package org.cdphub.matching.internal.resolve;

import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.model.EmEstimator;

/**
 * The outcome of a bulk resolution.
 *
 * @param clusterOf   per record, the index of its cluster's root record
 * @param em          the EM run, or null when weights were fixed
 * @param phaseNanos  blocking, estimation, scoring, clustering
 */
public record Resolution(int[] clusterOf, MatchModel model, EmEstimator.Result em, long candidatePairs,
                         long matchedPairs, long refusedMerges, long[] phaseNanos) {

    public int clusterCount() {
        int count = 0;
        for (int i = 0; i < clusterOf.length; i++) {
            if (clusterOf[i] == i) {
                count++;
            }
        }
        return count;
    }
}

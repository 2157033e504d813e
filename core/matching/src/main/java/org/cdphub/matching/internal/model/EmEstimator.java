package org.cdphub.matching.internal.model;

import java.util.HashMap;
import java.util.Map;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.compare.Levels;

/**
 * Expectation-maximisation for the Fellegi-Sunter mixture: from comparison vectors of candidate pairs (no labels)
 * it estimates m, u and the share p of matches. Vectors are counted by distinct pattern first, so an iteration costs
 * the number of patterns, not of pairs. Missing levels are no evidence and are left out of both likelihoods.
 *
 * <p>The m of anchor fields (given name and birth date by default) is held at its start value. Left free, EM settles
 * on the latent class it finds strongest, and in customer data that is "same household" (surname, address, landline,
 * family e-mail) rather than "same person"; holding the identity fields fixes which class is the match class.
 */
public final class EmEstimator {
    private static final int F = Field.SCORED_COUNT;
    private static final int L = Level.SCORED.length;

    static final double MIN_SHARE = 0.02;

    private final Map<Long, long[]> patterns = new HashMap<>();
    private long pairs;

    /** Result of a run. */
    public record Result(MatchModel model, double matchShare, int iterations, boolean converged, long pairs,
                         int patterns) {
    }

    /** Adds one comparison vector. Not thread-safe; merge estimators from several threads with {@link #addAll}. */
    public void add(byte[] levels) {
        long key = 0;
        for (int f = 0; f < F; f++) {
            key = key * Levels.COUNT + levels[f];
        }
        patterns.computeIfAbsent(key, k -> new long[1])[0]++;
        pairs++;
    }

    public void addAll(EmEstimator other) {
        other.patterns.forEach((k, c) -> patterns.computeIfAbsent(k, x -> new long[1])[0] += c[0]);
        pairs += other.pairs;
    }

    public long pairs() {
        return pairs;
    }

    /**
     * Runs EM from the start values of {@code start} (m) and {@code uStart} (u, e.g. from random pairs) with the
     * given initial match share; the threshold of {@code start} is kept.
     */
    public Result estimate(MatchModel start, double[][] uStart, double p0, int maxIterations, double tolerance) {
        return estimate(start, uStart, p0, maxIterations, tolerance, java.util.EnumSet.of(Field.FIRST_NAME,
                Field.BIRTH_DATE));
    }

    /** As {@link #estimate(MatchModel, double[][], double, int, double)} with the given anchor fields. */
    public Result estimate(MatchModel start, double[][] uStart, double p0, int maxIterations, double tolerance,
                           java.util.Set<Field> anchors) {
        int n = patterns.size();
        byte[][] vec = new byte[n][F];
        double[] count = new double[n];
        int i = 0;
        for (var e : patterns.entrySet()) {
            long key = e.getKey();
            for (int f = F - 1; f >= 0; f--) {
                vec[i][f] = (byte) (key % Levels.COUNT);
                key /= Levels.COUNT;
            }
            count[i++] = e.getValue()[0];
        }
        double[][] m = new double[F][L];
        double[][] u = new double[F][L];
        for (int f = 0; f < F; f++) {
            for (int l = 0; l < L; l++) {
                m[f][l] = start.m(Field.values()[f], Level.SCORED[l]);
                u[f][l] = uStart[f][l];
            }
        }
        double p = p0;
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            double[][] mNum = new double[F][L];
            double[][] uNum = new double[F][L];
            double matches = 0;
            double total = 0;
            for (int k = 0; k < n; k++) {
                double lm = Math.log(p);
                double lu = Math.log(1 - p);
                for (int f = 0; f < F; f++) {
                    int lv = vec[k][f];
                    if (lv != Levels.MISSING) {
                        lm += Math.log(m[f][lv - 1]);
                        lu += Math.log(u[f][lv - 1]);
                    }
                }
                double g = 1 / (1 + Math.exp(lu - lm));
                double cg = count[k] * g;
                double cu = count[k] - cg;
                matches += cg;
                total += count[k];
                for (int f = 0; f < F; f++) {
                    int lv = vec[k][f];
                    if (lv != Levels.MISSING) {
                        mNum[f][lv - 1] += cg;
                        uNum[f][lv - 1] += cu;
                    }
                }
            }
            double change = Math.abs(matches / total - p);
            p = clamp(matches / total);
            for (int f = 0; f < F; f++) {
                if (!anchors.contains(Field.values()[f])) {
                    change = Math.max(change, update(m[f], mNum[f]));
                }
                change = Math.max(change, update(u[f], uNum[f]));
            }
            converged = change < tolerance;
        }
        return new Result(MatchModel.of(m, u, start.threshold()), p, iter, converged, pairs, n);
    }

    /** EM for the match share alone, with m and u held: for fixed weights. */
    public double matchShare(MatchModel model, double p0, int maxIterations) {
        double p = p0;
        for (int iter = 0; iter < maxIterations; iter++) {
            double matches = 0;
            for (var e : patterns.entrySet()) {
                long key = e.getKey();
                double llr = 0;
                for (int f = F - 1; f >= 0; f--) {
                    int lv = (int) (key % Levels.COUNT);
                    key /= Levels.COUNT;
                    if (lv != Levels.MISSING) {
                        Field field = Field.values()[f];
                        llr += Math.log(model.m(field, Level.SCORED[lv - 1]) / model.u(field, Level.SCORED[lv - 1]));
                    }
                }
                matches += e.getValue()[0] / (1 + Math.exp(-llr) * (1 - p) / p);
            }
            double next = clamp(matches / pairs);
            if (Math.abs(next - p) < 1e-7) {
                return next;
            }
            p = next;
        }
        return p;
    }

    /**
     * The M-step. m and u keep at least {@link #MIN_SHARE} on "different": any field of a real record can be stale or
     * mistyped, so no single disagreement becomes near-impossible for a match (EM on blocked pairs drives such
     * shares to ~0 and disagreement weights to -15 bits).
     */
    private static double update(double[] probs, double[] num) {
        double sum = 0;
        for (double x : num) {
            sum += x + 0.5;
        }
        double change = 0;
        for (int l = 0; l < probs.length; l++) {
            double next = Math.max(l == probs.length - 1 ? MIN_SHARE : 1e-6, (num[l] + 0.5) / sum);
            change = Math.max(change, Math.abs(next - probs[l]));
            probs[l] = next;
        }
        return change;
    }

    private static double clamp(double p) {
        return Math.min(0.999, Math.max(1e-6, p));
    }
}

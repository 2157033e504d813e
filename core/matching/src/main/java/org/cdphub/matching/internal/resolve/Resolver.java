package org.cdphub.matching.internal.resolve;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.block.Blocking;
import org.cdphub.matching.internal.cluster.Clusterer;
import org.cdphub.matching.internal.cluster.EdgeList;
import org.cdphub.matching.internal.compare.FieldComparator;
import org.cdphub.matching.internal.compare.Prepared;
import org.cdphub.matching.internal.model.EmEstimator;
import org.cdphub.matching.internal.model.TermFrequencies;
import org.cdphub.matching.internal.model.Weights;

/**
 * Bulk resolution of prepared records: blocking, m by EM on a sample of the candidate pairs and u from random pairs
 * (unless weights are fixed), a threshold from the estimated prior unless one is given, scoring of every candidate
 * pair, then coherent clustering.
 */
public final class Resolver {
    private static final int RANDOM_PAIRS = 100_000;
    /**
     * The national-id veto applies when at most this share of true matches carry far-apart ids (EM keeps m of
     * "different" at 2% or more, so this is "as reliable as EM can tell").
     */
    static final double ID_VETO_MAX_M = 0.03;
    static final double MIN_AUTO_THRESHOLD = 8;
    /** Below this many records u is taken from {@link MatchModel#defaults()} instead of measured. */
    static final int MIN_RECORDS_FOR_U = 1000;
    /** Fields whose exact agreement is too rare for random pairs to measure (names and streets get term weights). */
    private static final Field[] RARE_VALUE_FIELDS = {Field.BIRTH_DATE, Field.PHONE, Field.EMAIL, Field.NATIONAL_ID,
        Field.ADDRESS_LINE2};
    private final ResolveOptions options;
    private final Consumer<String> log;

    public Resolver(ResolveOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public Resolution resolve(Prepared[] records) {
        long t0 = System.nanoTime();
        Blocking blocking = new Blocking(records, options.rules(), options.blockCap());
        log.accept(String.format("blocking: %,d candidate pairs before de-duplication, %,d blocks over the cap of %d%n%s",
                blocking.stats().totalPairs(), blocking.stats().totalOversized(), options.blockCap(),
                blocking.stats()).stripTrailing());
        long t1 = System.nanoTime();
        Sampled sampled = sample(records, blocking);
        MatchModel model;
        EmEstimator.Result em = null;
        double share;
        if (options.fixedModel() != null) {
            model = options.fixedModel();
            share = sampled.em.matchShare(model, 0.1, 500);
        } else {
            // too few records to measure u: the generic priors stand in
            boolean small = records.length < MIN_RECORDS_FOR_U;
            double[][] u = small ? defaultU() : randomPairU(records);
            em = sampled.em.estimate(MatchModel.defaults(), u, 0.1, 500, 1e-6);
            share = em.matchShare();
            if (!small) {
                exactAgreementU(records, u, em.model(), share * sampled.visited);
            }
            model = withU(em.model(), u);
            log.accept(String.format("EM: %d iterations (%s), %,d pairs in %,d patterns, match share %.4f",
                    em.iterations(), em.converged() ? "converged" : "not converged", em.pairs(), em.patterns(),
                    em.matchShare()));
        }
        if (options.threshold() != null) {
            model = model.withThreshold(options.threshold());
        } else {
            model = model.withThreshold(autoThreshold(records.length, share * sampled.visited));
        }
        log.accept("weights (bits):\n" + model.describe().stripTrailing());
        long t2 = System.nanoTime();
        double[] termMax = TermFrequencies.apply(records, model, share * sampled.visited);
        Weights weights = new Weights(model, termMax);
        double threshold = model.threshold();
        List<Scoring> scored = blocking.forEachPair(() -> new Scoring(records, weights, threshold));
        EdgeList edges = new EdgeList();
        long candidates = 0;
        for (Scoring s : scored) {
            edges.addAll(s.edges);
            candidates += s.visited;
        }
        log.accept(String.format("scoring: %,d candidate pairs, %,d at or above %.2f bits", candidates, edges.size(),
                threshold));
        long t3 = System.nanoTime();
        double link = options.linkThreshold() != null ? options.linkThreshold() : threshold;
        // ids are a veto only where the data says they are reliable: FEBRL-like data replaces ids in ~5% of duplicates
        boolean idVeto = model.m(Field.NATIONAL_ID, Level.DIFFERENT) <= ID_VETO_MAX_M;
        log.accept(String.format("national-id veto %s (m(nationalId, different) = %.4f)", idVeto ? "on" : "off",
                model.m(Field.NATIONAL_ID, Level.DIFFERENT)));
        Clusterer clusterer = new Clusterer(records, weights, link, idVeto);
        int[] clusters = clusterer.cluster(edges);
        long t4 = System.nanoTime();
        log.accept(String.format("clustering: %,d average-link comparisons, %,d merges refused",
                clusterer.crossComparisons(), clusterer.refusedMerges()));
        return new Resolution(clusters, model, em, candidates, edges.size(), clusterer.refusedMerges(),
                new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3});
    }

    /**
     * The final weights take m from EM but u from random pairs: EM's u describes the non-matches among candidate
     * pairs, which agree on their blocking keys far more often than two people taken at random do.
     */
    private static MatchModel withU(MatchModel em, double[][] u) {
        double[][] m = new double[Field.SCORED_COUNT][Level.SCORED.length];
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            for (int l = 0; l < Level.SCORED.length; l++) {
                m[f][l] = em.m(Field.values()[f], Level.SCORED[l]);
            }
        }
        return MatchModel.of(m, u, em.threshold());
    }

    /**
     * The score at which a pair is as likely a match as not: weights use u from random pairs, so the prior odds are
     * those of a random pair, (expected true pairs) / (all pairs). Kept within [8, 60] bits.
     */
    private double autoThreshold(int n, double expectedMatches) {
        double all = (double) n * (n - 1) / 2;
        double m = Math.max(1, expectedMatches);
        double t = Math.max(MIN_AUTO_THRESHOLD, Math.min(60, Math.log(Math.max(1, all - m) / m) / Math.log(2)));
        log.accept(String.format("threshold: auto, %.2f bits (about %,.0f true pairs expected among %,.0f pairs:"
                + " posterior 1/2 at this score)", t, m, all));
        return t;
    }

    private record Sampled(EmEstimator em, long visited) {
    }

    /** Comparison vectors of a sample of the candidate pairs, and how many candidate pairs there are. */
    private Sampled sample(Prepared[] records, Blocking blocking) {
        long total = Math.max(1, blocking.stats().totalPairs());
        double rate = Math.min(1.0, (double) options.emSamplePairs() / total);
        long cut = (long) (rate * 0x1p32);
        List<Sampling> samples = blocking.forEachPair(() -> new Sampling(records, cut));
        EmEstimator em = new EmEstimator();
        long visited = 0;
        for (Sampling s : samples) {
            em.addAll(s.em);
            visited += s.visited;
        }
        return new Sampled(em, visited);
    }

    private static double[][] defaultU() {
        MatchModel d = MatchModel.defaults();
        double[][] u = new double[Field.SCORED_COUNT][Level.SCORED.length];
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            for (int l = 0; l < Level.SCORED.length; l++) {
                u[f][l] = d.u(Field.values()[f], Level.SCORED[l]);
            }
        }
        return u;
    }

    /** u from random pairs, which are nearly all non-matches. */
    private static double[][] randomPairU(Prepared[] records) {
        double[][] counts = new double[Field.SCORED_COUNT][Level.SCORED.length];
        int n = records.length;
        Random random = new Random(42);
        byte[] levels = new byte[Field.SCORED_COUNT];
        for (int k = 0; k < RANDOM_PAIRS && n > 1; k++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            FieldComparator.compareAll(records[a], records[b], levels);
            for (int f = 0; f < Field.SCORED_COUNT; f++) {
                if (levels[f] != 0) {
                    counts[f][levels[f] - 1]++;
                }
            }
        }
        for (double[] row : counts) {
            double sum = 0;
            for (int l = 0; l < row.length; l++) {
                row[l] += 0.5;
                sum += row[l];
            }
            for (int l = 0; l < row.length; l++) {
                row[l] /= sum;
            }
        }
        return counts;
    }

    /**
     * u of exact agreement computed from value counts instead of sampled: the pairs of records sharing a value, less
     * the true matches expected to share it (EM's match count and m), over all pairs of records with a value. A sample
     * of random pairs cannot see rare events such as two people sharing an e-mail address. The other levels keep
     * their sampled proportions.
     */
    private static void exactAgreementU(Prepared[] records, double[][] u, MatchModel em, double expectedMatches) {
        java.util.stream.Stream.of(RARE_VALUE_FIELDS).parallel().forEach(field -> {
            int f = field.ordinal();
            java.util.HashMap<String, int[]> values = new java.util.HashMap<>();
            long present = 0;
            for (Prepared r : records) {
                String v = r.get(field);
                if (v != null) {
                    values.computeIfAbsent(v, k -> new int[1])[0]++;
                    present++;
                }
            }
            if (present < 2) {
                return;
            }
            double same = 0;
            for (int[] c : values.values()) {
                same += (double) c[0] * (c[0] - 1) / 2;
            }
            double share = (double) present / records.length;
            double matchesSharing = expectedMatches * share * share * em.m(field, Level.EXACT);
            double pairs = (double) present * (present - 1) / 2;
            double uExact = Math.max(Math.max(same - matchesSharing, 0.1 * same) / pairs, 1.0 / pairs);
            double others = 1 - u[f][0];
            for (int l = 1; l < u[f].length; l++) {
                u[f][l] = u[f][l] / others * (1 - uExact);
            }
            u[f][0] = uExact;
        });
    }

    private static final class Sampling implements Blocking.PairVisitor {
        final EmEstimator em = new EmEstimator();
        long visited;
        private final Prepared[] records;
        private final long cut;
        private final byte[] levels = new byte[Field.SCORED_COUNT];

        Sampling(Prepared[] records, long cut) {
            this.records = records;
            this.cut = cut;
        }

        @Override
        public void visit(int a, int b) {
            visited++;
            long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            if ((h >>> 32) < cut) {
                FieldComparator.compareAll(records[a], records[b], levels);
                em.add(levels);
            }
        }
    }

    private static final class Scoring implements Blocking.PairVisitor {
        final EdgeList edges = new EdgeList();
        long visited;
        private final Prepared[] records;
        private final Weights weights;
        private final double threshold;

        Scoring(Prepared[] records, Weights weights, double threshold) {
            this.records = records;
            this.weights = weights;
            this.threshold = threshold;
        }

        @Override
        public void visit(int a, int b) {
            visited++;
            double s = weights.scoreAtLeast(records[a], records[b], threshold);
            if (s >= threshold) {
                edges.add(a, b, s);
            }
        }
    }
}

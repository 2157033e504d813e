package org.cdphub.matching.internal.model;

import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.internal.compare.FieldComparator;
import org.cdphub.matching.internal.compare.Levels;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * A model's weights as a table {@code w[field][level]} and a fast scorer that compares the most decisive fields
 * first and stops as soon as the pair can no longer reach a floor.
 *
 * <p>One rule sits on top of the sum: a pair whose given names clearly differ is two people unless the birth date
 * (at least partly) or the national id agrees, however much else they share. Surname, address, landline and a family
 * e-mail are shared by a household, so their evidence is not independent of identity; without the rule household
 * members merge.
 *
 * <p>Address fields (street number, address lines, city, postcode, region) disagree together when a person moves, so
 * an address disagreement counts once: of their negative weights only the most negative one is added. City, postcode
 * and region are nested (a postcode lies in one city and region), so their agreement counts once too: of their
 * positive weights only the largest is added.
 */
public final class Weights {
    private final MatchModel model;
    private final double[][] w = new double[Field.SCORED_COUNT][Levels.COUNT];
    /** Comparison units in decreasing order of their best weight; {@link FieldComparator#NAMES} for both names. */
    private final int[] order;
    /** {@code suffix[k]}: the most units k.. can still add. */
    private final double[] suffix;

    /** Largest term-frequency weight of exact agreement per field, or 0 where none applies. */
    private final double[] exactMax = new double[Field.SCORED_COUNT];

    public Weights(MatchModel model) {
        this(model, null);
    }

    /** With the largest term weights per {@link TermFrequencies#FIELDS} (null when records carry none). */
    public Weights(MatchModel model, double[] termMax) {
        this.model = model;
        if (termMax != null) {
            for (int k = 0; k < TermFrequencies.FIELDS.length; k++) {
                exactMax[TermFrequencies.FIELDS[k].ordinal()] = termMax[k];
            }
        }
        for (Field f : Field.values()) {
            if (f.scored()) {
                for (Level l : Level.values()) {
                    w[f.ordinal()][l.ordinal()] = model.weight(f, l);
                }
            }
        }
        int units = Field.SCORED_COUNT - 1;
        Integer[] ids = new Integer[units];
        ids[0] = FieldComparator.NAMES;
        for (int f = Field.BIRTH_DATE.ordinal(), k = 1; f < Field.SCORED_COUNT; f++, k++) {
            ids[k] = f;
        }
        // names and birth date first: they decide the identity veto; then by decreasing best weight
        java.util.Arrays.sort(ids, (x, y) -> Double.compare(rankKey(y), rankKey(x)));
        order = new int[units];
        suffix = new double[units + 1];
        for (int k = 0; k < units; k++) {
            order[k] = ids[k];
        }
        for (int k = units - 1; k >= 0; k--) {
            suffix[k] = suffix[k + 1] + Math.max(0, best(order[k]));
        }
    }

    private double rankKey(int unit) {
        return unit == FieldComparator.NAMES || unit == Field.BIRTH_DATE.ordinal() ? 1e9 - unit : best(unit);
    }

    /** Given names different, birth dates different or missing, national ids not agreeing: two people. */
    public static boolean vetoed(byte[] levels) {
        return levels[Field.FIRST_NAME.ordinal()] == Levels.DIFFERENT
                && !birthAgrees(levels[Field.BIRTH_DATE.ordinal()])
                && !(levels[Field.NATIONAL_ID.ordinal()] == Levels.EXACT
                || levels[Field.NATIONAL_ID.ordinal()] == Levels.CLOSE);
    }

    private static boolean birthAgrees(byte level) {
        return level == Levels.EXACT || level == Levels.CLOSE || level == Levels.PARTIAL;
    }

    private double best(int unit) {
        if (unit == FieldComparator.NAMES) {
            return max(Field.FIRST_NAME.ordinal()) + max(Field.LAST_NAME.ordinal());
        }
        return max(unit);
    }

    /** The largest weight a field can add, term weights included. */
    private double max(int field) {
        double m = exactMax[field];
        for (double x : w[field]) {
            m = Math.max(m, x);
        }
        return m;
    }

    public MatchModel model() {
        return model;
    }

    public double threshold() {
        return model.threshold();
    }

    public double weight(int field, byte level) {
        return w[field][level];
    }

    /** True for the fields whose disagreement counts once (the address). */
    public static boolean addressField(int f) {
        return f >= Field.STREET_NUMBER.ordinal() && f <= Field.REGION.ordinal();
    }

    /** True for city, postcode and region, whose agreement counts once. */
    public static boolean localityField(int f) {
        return f >= Field.CITY.ordinal() && f <= Field.REGION.ordinal();
    }

    /**
     * What each field adds to the score: its weight, except address disagreements other than the strongest and
     * locality agreements other than the strongest.
     */
    public double[] contributions(byte[] levels) {
        return contributions(levels, null);
    }

    /** As {@link #contributions(byte[])}, with the term weights of {@code a} for exact agreement where it has them. */
    public double[] contributions(byte[] levels, Prepared a) {
        double[] c = new double[Field.SCORED_COUNT];
        int worst = -1;
        int best = -1;
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            c[f] = weightOf(f, levels[f], a);
            if (localityField(f) && c[f] > 0) {
                if (best < 0 || c[f] > c[best]) {
                    if (best >= 0) {
                        c[best] = 0;
                    }
                    best = f;
                } else {
                    c[f] = 0;
                }
            }
            if (addressField(f) && c[f] < 0) {
                if (worst < 0 || c[f] < c[worst]) {
                    if (worst >= 0) {
                        c[worst] = 0;
                    }
                    worst = f;
                } else {
                    c[f] = 0;
                }
            }
        }
        return c;
    }

    /** The weight of a level; for exact agreement the term weight of the value when {@code a} has one. */
    private double weightOf(int f, byte level, Prepared a) {
        if (level == Levels.EXACT && a != null && a.termWeights() != null) {
            int k = TermFrequencies.index(f);
            if (k >= 0 && !Float.isNaN(a.termWeights()[k])) {
                return a.termWeights()[k];
            }
        }
        return w[f][level];
    }

    /** The score of a comparison vector. */
    public double score(byte[] levels) {
        return score(levels, null);
    }

    private double score(byte[] levels, Prepared a) {
        double s = 0;
        for (double c : contributions(levels, a)) {
            s += c;
        }
        return s;
    }

    /** The full score of a pair, or negative infinity when the pair is vetoed. */
    public double score(Prepared a, Prepared b) {
        byte[] levels = new byte[Field.SCORED_COUNT];
        FieldComparator.compareAll(a, b, levels);
        return vetoed(levels) ? Double.NEGATIVE_INFINITY : score(levels, a);
    }

    /** The score of a pair, or negative infinity as soon as it is certain to stay below {@code floor}. */
    public double scoreAtLeast(Prepared a, Prepared b, double floor) {
        double s = 0;
        byte[] levels = new byte[Field.SCORED_COUNT];
        boolean mayVeto = false;
        double worstAddress = 0;
        double bestLocality = 0;
        for (int k = 0; k < order.length; k++) {
            if (s + suffix[k] < floor) {
                return Double.NEGATIVE_INFINITY;
            }
            int unit = order[k];
            if (unit == FieldComparator.NAMES) {
                FieldComparator.compareNames(a, b, levels);
                s += weightOf(Field.FIRST_NAME.ordinal(), levels[Field.FIRST_NAME.ordinal()], a)
                        + weightOf(Field.LAST_NAME.ordinal(), levels[Field.LAST_NAME.ordinal()], a);
            } else {
                byte level = FieldComparator.compare(unit, a, b);
                levels[unit] = level;
                double x = weightOf(unit, level, a);
                if (addressField(unit) && x < 0) {
                    if (x < worstAddress) {
                        s += x - worstAddress;
                        worstAddress = x;
                    }
                } else if (localityField(unit) && x > 0) {
                    if (x > bestLocality) {
                        s += x - bestLocality;
                        bestLocality = x;
                    }
                } else {
                    s += x;
                }
                if (unit == Field.BIRTH_DATE.ordinal()) {
                    mayVeto = !birthAgrees(level) && levels[Field.FIRST_NAME.ordinal()] == Levels.DIFFERENT;
                    if (mayVeto && (a.get(Field.NATIONAL_ID) == null || b.get(Field.NATIONAL_ID) == null)) {
                        return Double.NEGATIVE_INFINITY; // no national id can lift the veto
                    }
                }
            }
        }
        if (mayVeto && vetoed(levels)) {
            return Double.NEGATIVE_INFINITY;
        }
        return s < floor ? Double.NEGATIVE_INFINITY : s;
    }
}

package org.cdphub.matching.internal.compare;

import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.PersonRecord;

/**
 * A record ready for comparison: normalised values of the scored fields (null when missing) and the birth date as
 * yyyymmdd (0 when missing). Shared strings can be deduplicated through an interner to save memory on big inputs.
 */
public final class Prepared {
    final String[] v;
    final int birth;
    /** Exact-agreement weights of this record's own values (term frequencies), or null: see TermFrequencies. */
    private float[] termWeights;

    public Prepared(String[] values, int birth) {
        this.v = values;
        this.birth = birth;
    }

    /** Normalises a person record; an unparsable birth date throws {@link IllegalArgumentException}. */
    public static Prepared of(PersonRecord r) {
        return of(r::get, (f, v) -> v);
    }

    /** Normalises raw values looked up by field, passing every kept string through {@code intern(field, value)}. */
    public static Prepared of(java.util.function.Function<Field, String> raw,
                              java.util.function.BiFunction<Field, String, String> intern) {
        String[] v = new String[Field.SCORED_COUNT];
        int birth = DateParser.parse(raw.apply(Field.BIRTH_DATE));
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            Field field = Field.values()[f];
            if (field == Field.BIRTH_DATE) {
                v[f] = birth == 0 ? null : intern.apply(field, eightDigits(birth));
            } else {
                String n = Normalizer.normalize(field, raw.apply(field));
                v[f] = n == null ? null : intern.apply(field, n);
            }
        }
        return new Prepared(v, birth);
    }

    private static String eightDigits(int yyyymmdd) {
        String s = Integer.toString(yyyymmdd);
        return s.length() >= 8 ? s : "0".repeat(8 - s.length()) + s;
    }

    public String get(Field f) {
        return v[f.ordinal()];
    }

    public float[] termWeights() {
        return termWeights;
    }

    public void termWeights(float[] weights) {
        this.termWeights = weights;
    }

    public int birth() {
        return birth;
    }
}

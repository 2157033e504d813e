package org.cdphub.matching.internal.compare;

import static org.cdphub.matching.internal.compare.Levels.CLOSE;
import static org.cdphub.matching.internal.compare.Levels.DIFFERENT;
import static org.cdphub.matching.internal.compare.Levels.EXACT;
import static org.cdphub.matching.internal.compare.Levels.MISSING;
import static org.cdphub.matching.internal.compare.Levels.PARTIAL;

import org.cdphub.matching.api.Field;

/**
 * Agreement levels per field. Names are compared as a pair so that swapped first and last names still agree; dates
 * accept a day/month swap and one-digit slips as close; codes (postcode, phone, ids) accept one edit as close.
 */
public final class FieldComparator {
    /** Comparison units: names are one unit covering firstName and lastName. */
    public static final int NAMES = -1;
    private static final Field[] FIELDS = Field.values();

    private FieldComparator() {
    }

    /** Fills {@code out[field]} with the level of every scored field. */
    public static void compareAll(Prepared a, Prepared b, byte[] out) {
        compareNames(a, b, out);
        for (int f = Field.BIRTH_DATE.ordinal(); f < Field.SCORED_COUNT; f++) {
            out[f] = compare(f, a, b);
        }
    }

    /** Level of one scored field other than the names. */
    public static byte compare(int field, Prepared a, Prepared b) {
        String x = a.v[field];
        String y = b.v[field];
        if (x == null || y == null) {
            return MISSING;
        }
        if (x.equals(y)) {
            return EXACT;
        }
        return switch (FIELDS[field]) {
            case BIRTH_DATE -> date(a.birth, b.birth, x, y);
            case EMAIL -> email(x, y);
            case STREET_NUMBER, POSTCODE, PHONE, NATIONAL_ID -> code(x, y);
            case REGION -> Similarity.jaroWinkler(x, y) >= 0.9 ? PARTIAL : DIFFERENT;
            default -> text(x, y);
        };
    }

    /** Levels of firstName and lastName into {@code out}, taking swapped names into account. */
    public static void compareNames(Prepared a, Prepared b, byte[] out) {
        int fi = Field.FIRST_NAME.ordinal();
        int li = Field.LAST_NAME.ordinal();
        String af = a.v[fi];
        String al = a.v[li];
        String bf = b.v[fi];
        String bl = b.v[li];
        byte first = textOrMissing(af, bf);
        byte last = textOrMissing(al, bl);
        if (first == EXACT && last == EXACT) {
            out[fi] = first;
            out[li] = last;
            return;
        }
        if (af == null || al == null || bf == null || bl == null || (first <= CLOSE && last <= CLOSE)) {
            out[fi] = first;
            out[li] = last;
            return;
        }
        byte crossFirst = text(af, bl);
        byte crossLast = crossFirst <= CLOSE ? text(al, bf) : DIFFERENT;
        if (crossFirst <= CLOSE && crossLast <= CLOSE && crossFirst + crossLast < rank(first) + rank(last)) {
            out[fi] = (byte) Math.max(crossFirst, CLOSE);
            out[li] = (byte) Math.max(crossLast, CLOSE);
        } else {
            out[fi] = first;
            out[li] = last;
        }
    }

    private static int rank(byte level) {
        return level == MISSING ? DIFFERENT : level;
    }

    private static byte textOrMissing(String x, String y) {
        if (x == null || y == null) {
            return MISSING;
        }
        return x.equals(y) ? EXACT : text(x, y);
    }

    /** Free text: names, street, city. */
    static byte text(String x, String y) {
        if (x.equals(y)) {
            return EXACT;
        }
        int lev = Similarity.levenshteinUpTo2(x, y);
        if (lev == 1 || Similarity.adjacentTransposition(x, y) || Similarity.equalIgnoringSpaces(x, y)
                || Similarity.sameWords(x, y)) {
            return CLOSE;
        }
        if (Similarity.jaroUpperBound(x, y) < 0.8) {
            // Jaro-Winkler cannot reach 0.88 (the prefix bonus adds at most 0.4 of what Jaro misses)
            return lev == 2 && Math.min(x.length(), y.length()) >= 5 ? PARTIAL : DIFFERENT;
        }
        double jw = Similarity.jaroWinkler(x, y);
        if (jw >= 0.95 && Math.min(x.length(), y.length()) >= 6) {
            return CLOSE;
        }
        if (jw >= 0.88 || (lev == 2 && Math.min(x.length(), y.length()) >= 5)) {
            return PARTIAL;
        }
        return DIFFERENT;
    }

    /** Digit strings: postcode, street number, phone, national id. */
    static byte code(String x, String y) {
        if (Similarity.hamming(x, y) == 1 || Similarity.adjacentTransposition(x, y)) {
            return CLOSE;
        }
        int lev = Similarity.levenshteinUpTo2(x, y);
        if (lev == 1) {
            return CLOSE;
        }
        if (lev == 2 && Math.min(x.length(), y.length()) >= 6) {
            return PARTIAL;
        }
        return DIFFERENT;
    }

    static byte email(String x, String y) {
        int lev = Similarity.levenshteinUpTo2(x, y);
        if (lev == 1 || Similarity.adjacentTransposition(x, y)) {
            return CLOSE;
        }
        int ax = x.indexOf('@');
        int ay = y.indexOf('@');
        if (x.regionMatches(0, y, 0, Math.max(ax, ay)) && ax == ay) {
            return PARTIAL; // same mailbox name at another provider
        }
        if (lev == 2 && x.regionMatches(ax, y, ay, x.length() - ax)) {
            return PARTIAL;
        }
        return DIFFERENT;
    }

    /** Dates as yyyymmdd ints and their 8-digit strings. */
    static byte date(int x, int y, String xs, String ys) {
        int xy = x / 10000;
        int xm = x / 100 % 100;
        int xd = x % 100;
        int yy = y / 10000;
        int ym = y / 100 % 100;
        int yd = y % 100;
        if (xy == yy && xm == yd && xd == ym) {
            return CLOSE; // day and month swapped
        }
        if (Similarity.hamming(xs, ys) == 1 || Similarity.adjacentTransposition(xs, ys)) {
            return CLOSE;
        }
        int same = (xy == yy ? 1 : 0) + (xm == ym ? 1 : 0) + (xd == yd ? 1 : 0);
        return same == 2 ? PARTIAL : DIFFERENT;
    }
}

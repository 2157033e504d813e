package org.cdphub.matching.internal.compare;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** String similarity primitives: Jaro-Winkler and bounded Levenshtein (commons-text) plus a few cheap checks. */
public final class Similarity {
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEV2 = new LevenshteinDistance(2);

    private Similarity() {
    }

    public static double jaroWinkler(String a, String b) {
        return JW.apply(a, b);
    }

    /**
     * An upper bound of the Jaro similarity from the characters the strings share (ignoring Jaro's match window and
     * transpositions), cheap enough to skip Jaro-Winkler on clearly different values.
     */
    public static double jaroUpperBound(String a, String b) {
        long maskB = 0;
        for (int i = 0; i < b.length(); i++) {
            maskB |= 1L << (b.charAt(i) & 63);
        }
        int shared = 0;
        for (int i = 0; i < a.length(); i++) {
            if ((maskB & (1L << (a.charAt(i) & 63))) != 0) {
                shared++;
            }
        }
        int m = Math.min(shared, b.length());
        if (m == 0) {
            return 0;
        }
        return ((double) m / a.length() + (double) m / b.length() + 1) / 3;
    }

    /** Levenshtein distance if at most 2, else -1. */
    public static int levenshteinUpTo2(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return -1;
        }
        return LEV2.apply(a, b);
    }

    /** True when b is a with two adjacent characters swapped. */
    public static boolean adjacentTransposition(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int i = 0;
        int n = a.length();
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i >= n - 1) {
            return false;
        }
        return a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                && a.regionMatches(i + 2, b, i + 2, n - i - 2);
    }

    /** Number of differing positions of two equal-length strings, or -1 when the lengths differ. */
    public static int hamming(String a, String b) {
        if (a.length() != b.length()) {
            return -1;
        }
        int d = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                d++;
            }
        }
        return d;
    }

    /** Equal once spaces are removed ("mc donald" / "mcdonald"). */
    public static boolean equalIgnoringSpaces(String a, String b) {
        if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) {
            return false;
        }
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && a.charAt(i) == ' ') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == ' ') {
                j++;
            }
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            if (a.charAt(i++) != b.charAt(j++)) {
                return false;
            }
        }
    }

    /** Same words in another order ("street miller" / "miller street"). */
    public static boolean sameWords(String a, String b) {
        if (a.length() != b.length() || a.indexOf(' ') < 0) {
            return false;
        }
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        return java.util.Arrays.equals(x, y);
    }
}

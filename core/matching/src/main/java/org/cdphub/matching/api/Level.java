package org.cdphub.matching.api;

/**
 * How well one field of two records agrees. {@link #MISSING} (either side empty or a placeholder) is no evidence
 * either way and always weighs 0.
 */
public enum Level {
    MISSING,
    EXACT,
    /** One edit apart, swapped first/last name, day and month swapped, spacing or word order differs. */
    CLOSE,
    /** Similar (Jaro-Winkler, phonetic code or two edits) but not close. */
    PARTIAL,
    DIFFERENT;

    /** The levels that carry m/u probabilities, in order. */
    public static final Level[] SCORED = {EXACT, CLOSE, PARTIAL, DIFFERENT};
}

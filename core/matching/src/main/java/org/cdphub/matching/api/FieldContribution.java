package org.cdphub.matching.api;

/**
 * What one field added to a pair's score: the agreement level and its weight log2(m/u) as counted (0 when missing;
 * an address disagreement counts once, so only the most negative address field carries its weight).
 *
 * @param left  the normalised value of the first record, or null
 * @param right the normalised value of the second record, or null
 */
public record FieldContribution(Field field, Level level, double weight, String left, String right) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%-12s %-9s %+7.2f  %s | %s",
                field.canonicalName(), level, weight, left, right);
    }
}

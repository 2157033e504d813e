package org.cdphub.matching.api;

import java.util.List;

/**
 * The score of a pair of records (sum of field weights, in bits: log2 of the likelihood ratio) and its explanation.
 * {@code vetoed} is set when the given names clearly differ and neither birth date nor national id agrees: such a
 * pair is never a match, whatever its score, since surname, address, phone and e-mail are shared within a household.
 */
public record MatchResult(double score, double threshold, boolean vetoed, List<FieldContribution> contributions) {
    public MatchResult {
        contributions = List.copyOf(contributions);
    }

    public boolean isMatch() {
        return !vetoed && score >= threshold;
    }

    /** A readable explanation, one line per field. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "score %+.2f (threshold %.2f): %s%n", score, threshold,
                isMatch() ? "match" : vetoed ? "no match (given names differ, no birth date or national id agrees)" : "no match"));
        contributions.forEach(c -> sb.append("  ").append(c).append(System.lineSeparator()));
        return sb.toString();
    }
}

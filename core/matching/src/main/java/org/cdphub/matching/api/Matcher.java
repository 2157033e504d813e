package org.cdphub.matching.api;

/** Scores pairs of canonical person records with a {@link MatchModel}. Implementations are thread-safe. */
public interface Matcher {

    MatchModel model();

    /** The score of the pair in bits; higher is more likely the same person. */
    double score(PersonRecord a, PersonRecord b);

    /** The score with the contribution of every scored field. */
    MatchResult match(PersonRecord a, PersonRecord b);

    /** A Fellegi-Sunter matcher for the given model. */
    static Matcher fellegiSunter(MatchModel model) {
        return new org.cdphub.matching.internal.model.FellegiSunterMatcher(model);
    }
}

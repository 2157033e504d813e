package org.cdphub.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;

/**
 * Why a profile is what it is.
 *
 * @param profileId the profile
 * @param aliases   ids of profiles merged into it
 * @param fragments every fragment of the profile, with every identifier it carries (linking or not)
 * @param links     for each identifier two or more fragments share, one link from the first of those fragments to each
 *                  of the others; fragments with no link are alone in the profile (or kept with it by an update)
 * @param unlinked  identifiers of the fragments that link nothing, with the reason
 * @param traits    per trait, the rule that chose the value, the value chosen and every candidate value
 */
public record ProfileExplanation(String profileId, List<String> aliases, List<ExplainedFragment> fragments,
        List<Link> links, List<UnlinkedIdentifier> unlinked, List<ExplainedTrait> traits) {

    public ProfileExplanation {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        fragments = fragments == null ? List.of() : List.copyOf(fragments);
        links = links == null ? List.of() : List.copyOf(links);
        unlinked = unlinked == null ? List.of() : List.copyOf(unlinked);
        traits = traits == null ? List.of() : List.copyOf(traits);
    }

    /** One fragment of the profile. */
    public record ExplainedFragment(String source, String sourceRecordId, Instant observedAt,
            List<Identifier> identifiers) {

        public ExplainedFragment {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }

        /** {@code source/sourceRecordId}, as {@link Link} names fragments. */
        public String key() {
            return source + "/" + sourceRecordId;
        }
    }

    /**
     * Why two fragments (named by {@code source/sourceRecordId}) are in one profile.
     *
     * @param kind          how the link was made
     * @param identifier    the shared identifier of a deterministic link
     * @param rule          the rule in words, for example {@code shared identifier email:ann@example.com}
     * @param score         match score of a probabilistic link (null for deterministic links)
     * @param contributions per field, what it added to the score of a probabilistic link (empty otherwise)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String from, String to, Kind kind, Identifier identifier, String rule, Double score,
            Map<String, Double> contributions) {

        public enum Kind {
            /** The fragments share an identifier. */
            DETERMINISTIC,
            /** The matcher scored the fragments as the same person (they share no identifier). */
            PROBABILISTIC
        }

        public Link {
            contributions = contributions == null ? Map.of() : Map.copyOf(contributions);
        }

        /** A link by a shared identifier. */
        public static Link shared(String from, String to, Identifier identifier) {
            return new Link(from, to, Kind.DETERMINISTIC, identifier, "shared identifier " + identifier.key(), null,
                    Map.of());
        }
    }

    /**
     * The survivorship of one trait.
     *
     * @param rule       the configured rule, for example {@code most-recent}
     * @param chosen     the value the profile shows
     * @param candidates every non-null value of the fragments, most recently observed first
     */
    public record ExplainedTrait(String trait, String rule, TraitValue chosen, List<TraitValue> candidates) {

        public ExplainedTrait {
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
        }
    }
}

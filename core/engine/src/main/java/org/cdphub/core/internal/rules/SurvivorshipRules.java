package org.cdphub.core.internal.rules;

import java.util.List;
import java.util.Map;

/**
 * Which {@link SurvivorshipRule} picks each trait's value, and the order of sources for
 * {@link SurvivorshipRule#SOURCE_PRIORITY}.
 */
public record SurvivorshipRules(SurvivorshipRule defaultRule, Map<String, SurvivorshipRule> byTrait,
        List<String> sources) {

    private static final SurvivorshipRules DEFAULTS = RulesConfig.survivorship(Map.of());

    public SurvivorshipRules {
        byTrait = Map.copyOf(byTrait);
        sources = List.copyOf(sources);
    }

    public static SurvivorshipRules defaults() {
        return DEFAULTS;
    }

    public SurvivorshipRule ruleFor(String trait) {
        return byTrait.getOrDefault(trait, defaultRule);
    }

    /** Position of {@code source} in {@link #sources()}; sources not listed come after all listed ones. */
    public int sourceRank(String source) {
        int index = sources.indexOf(source);
        return index < 0 ? sources.size() : index;
    }
}

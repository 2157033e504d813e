package org.cdphub.core.internal.rules;

import java.util.Set;

import java.util.Map;

/**
 * The rules of the identity graph, per identifier type: which values are placeholders that never link
 * ({@link BlockedValues}), how many identifiers of a type one profile may hold ({@link TypeLimits}) and which
 * identifiers a fragment gives up first when it cannot link them all ({@link TypePriority}), and which types people
 * of one household share, so that a link by them is checked against the persons on both sides ({@code shared}).
 */
public record IdentityRules(BlockedValues blocked, TypeLimits limits, TypePriority priority, Set<String> shared) {

    public IdentityRules {
        shared = Set.copyOf(shared);
    }

    private static final IdentityRules DEFAULTS = RulesConfig.identity(Map.of());

    /** The built-in rules ({@link RuleDefaults}). */
    public static IdentityRules defaults() {
        return DEFAULTS;
    }
}

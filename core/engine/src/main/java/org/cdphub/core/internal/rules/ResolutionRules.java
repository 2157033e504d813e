package org.cdphub.core.internal.rules;

/** Everything configurable about identity resolution: the identity-graph rules and survivorship. */
public record ResolutionRules(IdentityRules identity, SurvivorshipRules survivorship) {

    public static ResolutionRules defaults() {
        return new ResolutionRules(IdentityRules.defaults(), SurvivorshipRules.defaults());
    }
}

package org.cdphub.core.internal.rules;

import java.util.Map;
import org.cdphub.api.model.Identifier;

/** The {@link Limit} of each identifier type, with a fallback for types that have none of their own. */
public final class TypeLimits {

    private final Map<String, Limit> byType;
    private final Limit fallback;

    TypeLimits(Map<String, Limit> byType, Limit fallback) {
        this.byType = Map.copyOf(byType);
        this.fallback = fallback;
    }

    public Limit of(String type) {
        return byType.getOrDefault(type, fallback);
    }

    /**
     * What an identifier counts against: its type, or its type and source system for a per-system limit. Identifiers
     * with equal counting keys compete for the same {@link Limit#max()} places.
     */
    public String countingKey(Identifier identifier) {
        Limit limit = of(identifier.type());
        return limit.perSystem() ? identifier.type() + " of system '" + system(identifier.value()) + "'"
                : identifier.type();
    }

    /** The source system of a value {@code <system>:<id>}; empty when the value has no {@code :}. */
    public static String system(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(0, colon);
    }
}

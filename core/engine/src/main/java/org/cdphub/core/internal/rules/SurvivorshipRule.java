package org.cdphub.core.internal.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a profile picks the value of a trait among the values its fragments hold. */
public enum SurvivorshipRule {
    /** The value of the most recently observed fragment. */
    MOST_RECENT("most-recent"),
    /** The value of the fragment whose source comes first in {@code survivorship.sources}; then the most recent. */
    SOURCE_PRIORITY("source-priority"),
    /** The value most fragments hold; on a tie, the one observed most recently. */
    MOST_FREQUENT("most-frequent"),
    /** The value of the fragment observed first. */
    OLDEST("oldest"),
    /**
     * For list values (such as DMP audiences): every element any fragment lists, de-duplicated and sorted; a single
     * value counts as a list of one. Provenance is the most recently observed fragment.
     */
    UNION("union");

    private final String configName;

    SurvivorshipRule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static SurvivorshipRule parse(String key, String text) {
        String value = text == null ? "" : text.strip();
        for (SurvivorshipRule rule : values()) {
            if (rule.configName.equalsIgnoreCase(value)) {
                return rule;
            }
        }
        throw new IllegalArgumentException(key + ": expected one of "
                + Arrays.stream(values()).map(SurvivorshipRule::configName).collect(Collectors.joining(", "))
                + ", got '" + text + "'");
    }
}

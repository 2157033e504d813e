package org.cdphub.core.internal.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cdphub.api.model.IdentifierTypes;

/**
 * Reads the identity and survivorship rules from the properties of configuration {@code org.cdphub.core}. Keys not
 * set take the value of {@link RuleDefaults}. Every error names the key. Lists are comma-separated.
 * <ul>
 * <li>{@code rules.priority}: identifier types, strongest first;</li>
 * <li>{@code rules.shared}: identifier types a household shares ({@code none} for no check);</li>
 * <li>{@code rules.blocked.common}, {@code rules.blocked.<type>}: blocked values (see {@link BlockedValues}); setting
 * a key replaces its default list;</li>
 * <li>{@code rules.limit.<type>}, {@code rules.limit.default}: {@code <n>}, {@code <n>/system} or
 * {@code unlimited};</li>
 * <li>{@code survivorship.default}, {@code survivorship.<trait>}: a {@link SurvivorshipRule};
 * {@code survivorship.sources}: source order for {@code source-priority}.</li>
 * </ul>
 */
public final class RulesConfig {

    public static final String PRIORITY = "rules.priority";
    public static final String SHARED = "rules.shared";
    public static final String BLOCKED = "rules.blocked.";
    public static final String BLOCKED_COMMON = BLOCKED + "common";
    public static final String LIMIT = "rules.limit.";
    public static final String LIMIT_DEFAULT = LIMIT + "default";
    public static final String SURVIVORSHIP = "survivorship.";
    public static final String SURVIVORSHIP_DEFAULT = SURVIVORSHIP + "default";
    public static final String SURVIVORSHIP_SOURCES = SURVIVORSHIP + "sources";

    private static final Map<String, String> DEFAULT_BLOCKED = Map.of(
            IdentifierTypes.EMAIL, RuleDefaults.BLOCKED_EMAIL,
            IdentifierTypes.PHONE, RuleDefaults.BLOCKED_PHONE);
    private static final Map<String, String> DEFAULT_LIMITS = Map.of(
            IdentifierTypes.CRM_ID, RuleDefaults.LIMIT_CRM_ID,
            IdentifierTypes.CUSTOMER_ID, RuleDefaults.LIMIT_CUSTOMER_ID,
            IdentifierTypes.EMAIL, RuleDefaults.LIMIT_EMAIL,
            IdentifierTypes.PHONE, RuleDefaults.LIMIT_PHONE,
            IdentifierTypes.HASHED_EMAIL, RuleDefaults.LIMIT_HASHED_EMAIL,
            IdentifierTypes.DEVICE_ID, RuleDefaults.LIMIT_DEVICE_ID,
            IdentifierTypes.COOKIE_ID, RuleDefaults.LIMIT_COOKIE_ID);

    private RulesConfig() {
    }

    /** Both rule sets; rejects unknown {@code rules.*} keys. */
    public static ResolutionRules parse(Map<String, ?> properties) {
        for (String key : properties.keySet()) {
            if (key.startsWith("rules.") && !key.equals(PRIORITY) && !key.equals(SHARED)
                    && !suffixed(key, BLOCKED) && !suffixed(key, LIMIT)) {
                throw new IllegalArgumentException(key + ": unknown key; rules are configured with " + PRIORITY
                        + ", " + SHARED + ", " + BLOCKED + "<type> and " + LIMIT + "<type>");
            }
        }
        return new ResolutionRules(identity(properties), survivorship(properties));
    }

    static IdentityRules identity(Map<String, ?> properties) {
        Map<String, String> blocked = new TreeMap<>(DEFAULT_BLOCKED);
        Map<String, Limit> limits = new TreeMap<>();
        DEFAULT_LIMITS.forEach((type, text) -> limits.put(type, Limit.parse(LIMIT + type, text)));
        String common = RuleDefaults.BLOCKED_COMMON;
        Limit fallback = Limit.parse(LIMIT_DEFAULT, RuleDefaults.LIMIT_DEFAULT);
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            String value = text(e.getValue());
            if (key.equals(BLOCKED_COMMON)) {
                common = value;
            } else if (suffixed(key, BLOCKED)) {
                blocked.put(key.substring(BLOCKED.length()), value);
            } else if (key.equals(LIMIT_DEFAULT)) {
                fallback = Limit.parse(key, value);
            } else if (suffixed(key, LIMIT)) {
                limits.put(key.substring(LIMIT.length()), Limit.parse(key, value));
            }
        }
        String priority = properties.containsKey(PRIORITY) ? text(properties.get(PRIORITY)) : RuleDefaults.PRIORITY;
        String shared = properties.containsKey(SHARED) ? text(properties.get(SHARED)) : RuleDefaults.SHARED;
        List<String> sharedTypes = shared.strip().equalsIgnoreCase("none") ? List.of() : uniqueList(SHARED, shared);
        return new IdentityRules(BlockedValues.parse(BLOCKED_COMMON, common, blocked),
                new TypeLimits(limits, fallback), new TypePriority(uniqueList(PRIORITY, priority)),
                Set.copyOf(sharedTypes));
    }

    static SurvivorshipRules survivorship(Map<String, ?> properties) {
        SurvivorshipRule defaultRule = SurvivorshipRule.parse(SURVIVORSHIP_DEFAULT,
                properties.containsKey(SURVIVORSHIP_DEFAULT) ? text(properties.get(SURVIVORSHIP_DEFAULT))
                        : RuleDefaults.SURVIVORSHIP_DEFAULT);
        List<String> sources = uniqueList(SURVIVORSHIP_SOURCES, properties.containsKey(SURVIVORSHIP_SOURCES)
                ? text(properties.get(SURVIVORSHIP_SOURCES)) : RuleDefaults.SURVIVORSHIP_SOURCES);
        Map<String, SurvivorshipRule> byTrait = new TreeMap<>();
        RuleDefaults.SURVIVORSHIP_BY_TRAIT.forEach((trait, rule) ->
                byTrait.put(trait, SurvivorshipRule.parse(SURVIVORSHIP + trait, rule)));
        String usesSources = defaultRule == SurvivorshipRule.SOURCE_PRIORITY ? SURVIVORSHIP_DEFAULT : null;
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (suffixed(key, SURVIVORSHIP) && !key.equals(SURVIVORSHIP_DEFAULT)
                    && !key.equals(SURVIVORSHIP_SOURCES)) {
                SurvivorshipRule rule = SurvivorshipRule.parse(key, text(e.getValue()));
                byTrait.put(key.substring(SURVIVORSHIP.length()), rule);
                if (rule == SurvivorshipRule.SOURCE_PRIORITY && usesSources == null) {
                    usesSources = key;
                }
            }
        }
        if (usesSources != null && sources.isEmpty()) {
            throw new IllegalArgumentException(SURVIVORSHIP_SOURCES + ": " + usesSources + " is source-priority, "
                    + "so list the sources, most trusted first (for example crm-salesforce, webshop)");
        }
        return new SurvivorshipRules(defaultRule, byTrait, sources);
    }

    /** The comma-separated items of {@code text}, trimmed, empty ones left out. */
    public static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    private static List<String> uniqueList(String key, String text) {
        Set<String> seen = new LinkedHashSet<>();
        for (String item : list(text)) {
            if (!seen.add(item)) {
                throw new IllegalArgumentException(key + ": '" + item + "' is listed twice");
            }
        }
        return List.copyOf(seen);
    }

    private static boolean suffixed(String key, String prefix) {
        return key.startsWith(prefix) && key.length() > prefix.length();
    }

    /** A configuration value as text: arrays and collections are joined with commas. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        if (value instanceof Collection<?> collection) {
            return String.join(",", collection.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    /** The keys {@link #parse} reads, from a larger map of properties. */
    public static Map<String, Object> select(Map<String, ?> properties) {
        Map<String, Object> selected = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("rules.") || key.startsWith(SURVIVORSHIP)) {
                selected.put(key, value);
            }
        });
        return selected;
    }
}

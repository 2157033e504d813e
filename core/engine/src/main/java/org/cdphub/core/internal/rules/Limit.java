package org.cdphub.core.internal.rules;

/**
 * How many identifiers of one type a profile may hold: {@code max} in all, or {@code max} per source system when
 * {@code perSystem} (the system is the part of the value before the first {@code :}, as in crmId
 * {@code salesforce:0035g00000XyZ1AAK}; values without one count together).
 */
public record Limit(int max, boolean perSystem) {

    public static final Limit UNLIMITED = new Limit(Integer.MAX_VALUE, false);

    public Limit {
        if (max < 1) {
            throw new IllegalArgumentException("a limit must be at least 1");
        }
    }

    public boolean unlimited() {
        return max == Integer.MAX_VALUE;
    }

    /** Parses {@code <n>}, {@code <n>/system} or {@code unlimited}; errors name {@code key}. */
    static Limit parse(String key, String text) {
        String value = text == null ? "" : text.strip();
        if (value.equalsIgnoreCase("unlimited")) {
            return UNLIMITED;
        }
        boolean perSystem = value.endsWith("/system");
        String number = perSystem ? value.substring(0, value.length() - "/system".length()).strip() : value;
        try {
            int max = Integer.parseInt(number);
            if (max >= 1) {
                return new Limit(max, perSystem);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a whole number of at least 1, '<n>/system' or "
                + "'unlimited', got '" + text + "'");
    }

    @Override
    public String toString() {
        return unlimited() ? "unlimited" : perSystem ? max + " per system" : Integer.toString(max);
    }
}

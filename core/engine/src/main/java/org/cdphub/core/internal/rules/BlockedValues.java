package org.cdphub.core.internal.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Placeholder values that never link anything: {@code null}, {@code -1}, {@code test@test.com}, a shop's shared
 * tablet id. Entries are literal values (case-insensitive), globs with {@code *}, or Java regular expressions written
 * {@code re:<expression>} (matched against the whole value, case-insensitive). Entries of {@code rules.blocked.common}
 * apply to every type, the others to their type only. An empty value is always blocked.
 */
public final class BlockedValues {

    /**
     * One configured entry, with the configuration key it came from (for the reason text). A literal entry keeps its
     * lower-cased text and is compared without a regular expression; so is a glob written in ASCII, by its lower-cased
     * parts between the {@code *}, on a value in ASCII without line breaks (most entries are literals or such globs,
     * most values ASCII, and every identifier of every fragment a merge touches is checked). There lower-casing decides
     * exactly as the glob's case-insensitive pattern; other values, and {@code re:} entries, use the pattern.
     */
    record Entry(String text, String key, Pattern pattern, String literal, String[] glob,
            ThreadLocal<Matcher> matcher) {

        Entry(String text, String key, Pattern pattern, String literal, String[] glob) {
            this(text, key, pattern, literal, glob, ThreadLocal.withInitial(() -> pattern.matcher("")));
        }

        /**
         * @param lower {@code value} lower-cased ({@link Locale#ROOT}). A pattern entry resets a matcher of its own
         *              per thread instead of allocating one per value (a merge checks each identifier several times),
         *              and lets go of the value afterwards: a pool thread's matcher does not keep an e-mail address
         */
        boolean matches(String value, String lower) {
            if (literal != null) {
                return literal.equals(lower);
            }
            if (glob != null && plainAscii(value)) {
                return globMatches(glob, lower);
            }
            Matcher m = matcher.get();
            boolean matches = m.reset(value).matches();
            m.reset("");
            return matches;
        }
    }

    private final List<Entry> common;
    private final Map<String, List<Entry>> byType;

    private BlockedValues(List<Entry> common, Map<String, List<Entry>> byType) {
        this.common = List.copyOf(common);
        this.byType = Map.copyOf(byType);
    }

    /**
     * @param common entries for every type, from {@code commonKey}
     * @param byType per identifier type, the entries of key {@code rules.blocked.<type>}
     */
    static BlockedValues parse(String commonKey, String common, Map<String, String> byType) {
        Map<String, List<Entry>> types = new LinkedHashMap<>();
        byType.forEach((type, text) -> types.put(type, entries(RulesConfig.BLOCKED + type, text)));
        return new BlockedValues(entries(commonKey, common), types);
    }

    /** Why {@code value} (trimmed) of an identifier of {@code type} is blocked, if it is. */
    public Optional<String> reason(String type, String value) {
        if (value.isEmpty()) {
            return Optional.of("empty value");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (Entry entry : byType.getOrDefault(type, List.of())) {
            if (entry.matches(value, lower)) {
                return Optional.of(describe(entry));
            }
        }
        int colon = value.indexOf(':');
        String local = colon < 0 ? null : value.substring(colon + 1);
        if (local != null && local.isBlank()) {
            return Optional.of("empty value after '" + value.substring(0, colon + 1) + "'");
        }
        String localStripped = local == null ? null : local.strip();
        String localLower = local == null ? null : localStripped.toLowerCase(Locale.ROOT);
        for (Entry entry : common) {
            if (entry.matches(value, lower) || (local != null && entry.matches(localStripped, localLower))) {
                return Optional.of(describe(entry));
            }
        }
        return Optional.empty();
    }

    private static String describe(Entry entry) {
        return "placeholder value (matches '" + entry.text() + "' of " + entry.key() + ")";
    }

    private static List<Entry> entries(String key, String text) {
        List<Entry> entries = new ArrayList<>();
        for (String item : RulesConfig.list(text)) {
            String lower = item.toLowerCase(Locale.ROOT);
            boolean expression = item.startsWith("re:");
            boolean literal = !expression && !item.contains("*");
            boolean asciiGlob = !expression && !literal && plainAscii(item);
            entries.add(new Entry(item, key, pattern(key, item), literal ? lower : null,
                    asciiGlob ? lower.split("\\*", -1) : null));
        }
        return entries;
    }

    /** Whether {@code text} is ASCII without line breaks (which the pattern's {@code .*} does not cross). */
    static boolean plainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 128 || ch == '\n' || ch == '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code lower} matches the glob whose parts between the {@code *} are {@code parts} (at least two): it
     * starts with the first, ends with the last, and holds the others in order between them, without overlap.
     */
    static boolean globMatches(String[] parts, String lower) {
        String head = parts[0];
        String tail = parts[parts.length - 1];
        int end = lower.length() - tail.length(); // where the last part must start
        if (end < head.length() || !lower.startsWith(head) || !lower.endsWith(tail)) {
            return false;
        }
        int at = head.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = lower.indexOf(parts[i], at);
            if (found < 0 || found + parts[i].length() > end) {
                return false;
            }
            at = found + parts[i].length();
        }
        return true;
    }

    private static Pattern pattern(String key, String item) {
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if (item.startsWith("re:")) {
            try {
                return Pattern.compile(item.substring(3), flags);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(key + ": '" + item + "' is not a valid regular expression: "
                        + e.getDescription() + " (a list entry cannot contain a comma)", e);
            }
        }
        StringJoiner regex = new StringJoiner(".*");
        for (String part : item.split("\\*", -1)) {
            regex.add(part.isEmpty() ? "" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), flags);
    }
}

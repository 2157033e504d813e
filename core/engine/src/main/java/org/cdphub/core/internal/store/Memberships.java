package org.cdphub.core.internal.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of {@code cdp_segment_state.segments}: {@code ,<segment>@<since>} per membership, sorted by segment, ending
 * with a comma, for example {@code ,s00@2026-11-29T09:00:00Z,s03@2026-11-29T09:05:00.123456Z,s07@,}. An empty
 * {@code <since>} repeats the one before: memberships mostly share their instant (they were entered in one
 * evaluation), and writing it once keeps a row of a dozen memberships at about a hundred characters instead of 350.
 * Segment names are {@code [a-z0-9-]}, so neither separator occurs in them, and {@code LIKE '%,<segment>@%'} finds a
 * segment's members.
 */
public final class Memberships {

    private Memberships() {
    }

    /** The text of memberships (segment to since); null for none. */
    public static String encode(Map<String, Instant> memberships) {
        if (memberships.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(memberships.size() * 12 + 32);
        Instant last = null;
        for (Map.Entry<String, Instant> e : (memberships instanceof TreeMap ? memberships
                : new TreeMap<>(memberships)).entrySet()) {
            out.append(',').append(e.getKey()).append('@');
            if (!e.getValue().equals(last)) { // memberships often share their instant: written once
                last = e.getValue();
                out.append(last);
            }
        }
        return out.append(',').toString();
    }

    /** Segment to since, sorted by segment; empty for null or empty text. */
    public static Map<String, Instant> decode(String text) {
        Map<String, Instant> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        int start = 0;
        int lastFrom = -1;
        int lastLength = 0;
        Instant last = null;
        while (start < text.length()) {
            int end = text.indexOf(',', start);
            if (end < 0) {
                end = text.length();
            }
            int at = text.indexOf('@', start);
            if (end > start) {
                if (at < start || at > end) {
                    throw new IllegalStateException("stored memberships do not read: " + text);
                }
                try {
                    int length = end - at - 1;
                    if (length == 0) { // the instant of the membership before
                        if (last == null) {
                            throw new IllegalStateException("stored memberships do not read: " + text);
                        }
                    } else if (last == null || length != lastLength
                            || !text.regionMatches(at + 1, text, lastFrom, length)) {
                        // memberships often share their instant: parse it once
                        last = IsoInstants.parse(text.substring(at + 1, end));
                        lastFrom = at + 1;
                        lastLength = length;
                    }
                    out.put(text.substring(start, at), last);
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException("stored memberships do not read: " + text, e);
                }
            }
            start = end + 1;
        }
        return out;
    }

    /** The part of the text that marks membership of {@code segment}. */
    public static String marker(String segment) {
        return "," + segment + "@";
    }
}

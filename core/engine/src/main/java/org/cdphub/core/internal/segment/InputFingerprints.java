package org.cdphub.core.internal.segment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.codec.digest.MurmurHash3;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Fields;
import org.cdphub.segments.api.SegmentDefinition;

/**
 * What the definitions last read of a profile, as one 64-bit hash (MurmurHash3) per field ({@link Fields}: a trait,
 * the events of a type, the consents) of its name and value, kept in {@code cdp_segment_state.inputs}: a profile
 * change then evaluates only the definitions that read a field whose hash is not among the stored ones. The text is
 * the sorted hashes in hex, 16 digits each. Hashes depend only on the values (sorted where a map's order is not
 * fixed), so every node and every restart computes the same; a hash that differs for equal values only costs an
 * evaluation.
 */
final class InputFingerprints {

    private static final int HEX = 16;

    private InputFingerprints() {
    }

    /** The fields {@code definitions} read, other than memberships of segments (those are decided while evaluating). */
    static Set<String> fields(Collection<SegmentDefinition> definitions) {
        Set<String> out = new TreeSet<>();
        String segments = Fields.segment("");
        definitions.forEach(d -> Fields.of(d.condition()).stream().filter(f -> !f.startsWith(segments))
                .forEach(out::add));
        return out;
    }

    /** Field name to the hash of its value in {@code input}. */
    static Map<String, Long> of(EvaluationInput input, Set<String> fields) {
        Map<String, Long> out = new TreeMap<>();
        String events = Fields.events("");
        for (String field : fields) {
            StringBuilder value = new StringBuilder(64);
            if (field.equals(Fields.CONSENTS)) {
                new TreeMap<>(input.consents()).forEach((key, consent) -> append(value.append(key), consent));
            } else if (field.startsWith(events)) {
                for (Event e : input.events(field.substring(events.length()))) {
                    value.append(e.occurredAt()).append('|');
                    canonical(e.properties(), value);
                }
            } else {
                Object trait = input.trait(field);
                canonical(trait, value);
            }
            out.put(field, hash(field, value));
        }
        return out;
    }

    /** The fields of {@code current} whose hash is not in the stored text (every field when there is none). */
    static Set<String> changed(Map<String, Long> current, String stored) {
        Set<Long> known = decode(stored);
        Set<String> out = new HashSet<>();
        current.forEach((field, hash) -> {
            if (!known.contains(hash)) {
                out.add(field);
            }
        });
        return out;
    }

    static String encode(Collection<Long> hashes) {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(hashes));
        StringBuilder out = new StringBuilder(sorted.size() * HEX);
        for (long h : sorted) {
            String hex = Long.toHexString(h);
            out.append("0".repeat(HEX - hex.length())).append(hex);
        }
        return out.toString();
    }

    static Set<Long> decode(String text) {
        Set<Long> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        for (int i = 0; i + HEX <= text.length(); i += HEX) {
            out.add(Long.parseUnsignedLong(text, i, i + HEX, 16));
        }
        return out;
    }

    private static void append(StringBuilder out, Consent consent) {
        out.append('=').append(consent.status()).append('@').append(consent.updatedAt()).append(';');
    }

    /**
     * The value as text that tells values apart: each text, number or flag with its type and length (so that
     * {@code ["a, b"]} and {@code ["a", "b"]} differ), map entries sorted by key, at every depth.
     */
    private static String canonical(Object value) {
        StringBuilder out = new StringBuilder(32);
        canonical(value, out);
        return out.toString();
    }

    private static void canonical(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            out.append('{');
            sorted.forEach((k, v) -> {
                canonical(k, out);
                out.append('=');
                canonical(v, out);
            });
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            list.forEach(e -> canonical(e, out));
            out.append(']');
        } else if (value == null) {
            out.append('~');
        } else {
            String text = String.valueOf(value);
            out.append(value.getClass().getSimpleName()).append(':').append(text.length()).append(':').append(text);
        }
    }

    private static long hash(String field, CharSequence value) {
        byte[] bytes = (field + '\u0000' + value).getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash128x64(bytes)[0];
    }
}

package org.cdphub.matching.internal.block;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.language.DoubleMetaphone;

/** Double Metaphone codes of names, cached (names repeat a lot). Thread-safe. */
public final class Phonetics {
    private final DoubleMetaphone encoder = new DoubleMetaphone();
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    public Phonetics() {
        encoder.setMaxCodeLen(6);
    }

    /** The primary code of the first word of a name, or null. */
    public String code(String name) {
        if (name == null) {
            return null;
        }
        return cache.computeIfAbsent(name, this::encode);
    }

    private String encode(String name) {
        String code = encoder.doubleMetaphone(name.replace(" ", ""));
        return code == null || code.isEmpty() ? name : code;
    }
}

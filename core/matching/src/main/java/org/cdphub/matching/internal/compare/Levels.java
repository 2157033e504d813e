package org.cdphub.matching.internal.compare;

import org.cdphub.matching.api.Level;

/** Agreement levels as bytes (the ordinals of {@link Level}), for compact comparison vectors. */
public final class Levels {
    public static final byte MISSING = 0;
    public static final byte EXACT = 1;
    public static final byte CLOSE = 2;
    public static final byte PARTIAL = 3;
    public static final byte DIFFERENT = 4;
    public static final int COUNT = 5;

    private static final Level[] ALL = Level.values();

    private Levels() {
    }

    public static Level of(byte b) {
        return ALL[b];
    }
}

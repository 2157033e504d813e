package org.cdphub.core.internal.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cdphub.segments.api.SegmentDefinition;

/** SHA-256 of a definition's parsed form (name and condition; not the description or file), as hex. */
final class DefinitionHash {

    private DefinitionHash() {
    }

    static String of(SegmentDefinition definition) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String text = definition.name() + "\n" + definition.condition();
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

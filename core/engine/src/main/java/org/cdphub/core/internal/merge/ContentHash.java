package org.cdphub.core.internal.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;

/**
 * SHA-256 (lower-case hex) of a fragment's canonical JSON: the {@link CdpJson} mapping of every field, with map entries
 * (traits, provenance, event properties) sorted by key so that the order a connector put them in does not matter.
 */
public final class ContentHash {

    private static final ObjectWriter CANONICAL = CdpJson.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ContentHash() {
    }

    /** A fragment's canonical JSON and its hash. */
    public record Canonical(String json, String hash) {
    }

    /**
     * The canonical JSON and its hash from one serialisation: the merge stores that JSON as the fragment's document
     * (it reads back as the same fragment), so it does not serialise the fragment a second time.
     */
    public static Canonical canonical(Fragment fragment) {
        byte[] bytes = writeBytes(fragment);
        return new Canonical(new String(bytes, StandardCharsets.UTF_8), hash(bytes));
    }

    private static String hash(byte[] canonicalJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalJson));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] writeBytes(Fragment fragment) {
        try {
            return CANONICAL.writeValueAsBytes(fragment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

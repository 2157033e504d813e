package org.cdphub.spi.connector.test;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cdphub.api.model.CdpJson;

/** Recorded payloads under a connector's {@code src/test/resources/fixtures/...} folder. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(Path folder, String fixture) {
        try {
            return Files.readAllBytes(folder.resolve(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture parsed with the hub's {@link CdpJson} mapper. */
    public static JsonNode json(Path folder, String fixture) {
        try {
            return CdpJson.mapper().readTree(bytes(folder, fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

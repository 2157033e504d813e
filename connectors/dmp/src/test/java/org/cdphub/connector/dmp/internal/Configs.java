package org.cdphub.connector.dmp.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.spi.connector.test.ConfigProxy;

/** Configurations built the way DS builds them (defaults for missing keys), and the fixtures. */
final class Configs {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/dmp");

    private Configs() {
    }

    /**
     * A {@link DmpConfig} holding {@code keys} (written as in a .cfg file, e.g. {@code anonymous.id.scope}); a key
     * that is not given has its default, or null when it has none, as DS does.
     */
    static DmpConfig config(Map<String, String> keys) {
        return ConfigProxy.of(DmpConfig.class, keys);
    }

    static Map<String, String> valid(Path inbox) {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "dmp-acme");
        keys.put("inbox", inbox.toString());
        keys.put("anonymous.id.scope", "web");
        return keys;
    }

    static DmpSettings settings(Map<String, String> keys) {
        return DmpSettings.from(config(keys));
    }
}

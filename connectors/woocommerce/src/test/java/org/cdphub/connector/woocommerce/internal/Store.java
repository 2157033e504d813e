package org.cdphub.connector.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.spi.connector.support.http.WebhookSignature;
import org.cdphub.spi.connector.test.ConfigProxy;
import org.cdphub.spi.connector.test.Fixtures;

/** Test helpers: configurations built the way DS builds them, the recorded fixtures, signing. */
final class Store {

    static final String ID = "store";
    static final String SECRET = "hush-woo-secret";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/woocommerce");

    private Store() {
    }

    /** A {@link WooConfig} holding {@code keys} (as in a .cfg file); other keys have their defaults, as DS does. */
    static WooConfig config(Map<String, String> keys) {
        return ConfigProxy.of(WooConfig.class, keys);
    }

    static Map<String, String> minimal() {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", ID);
        keys.put("webhook.secret", SECRET);
        return keys;
    }

    static WooSettings settings(Map<String, String> keys) {
        return WooSettings.from(config(keys));
    }

    static byte[] bytes(String fixture) {
        return Fixtures.bytes(FIXTURES, fixture);
    }

    static JsonNode json(String fixture) {
        return Fixtures.json(FIXTURES, fixture);
    }

    static String sign(byte[] body, String secret) {
        return new WebhookSignature(secret).sign(body);
    }
}

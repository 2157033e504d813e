package org.cdphub.connector.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.spi.connector.support.http.WebhookSignature;
import org.cdphub.spi.connector.test.ConfigProxy;
import org.cdphub.spi.connector.test.Fixtures;

/** Test helpers: configurations built the way DS builds them, the recorded fixtures, signing. */
final class Shop {

    static final String ID = "shop";
    static final String SECRET = "hush-shopify-secret";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/shopify");

    private Shop() {
    }

    /** A {@link ShopifyConfig} holding {@code keys} (as in a .cfg file); other keys have their defaults, as DS does. */
    static ShopifyConfig config(Map<String, String> keys) {
        return ConfigProxy.of(ShopifyConfig.class, keys);
    }

    static Map<String, String> minimal() {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", ID);
        keys.put("webhook.secret", SECRET);
        return keys;
    }

    static ShopifySettings settings(Map<String, String> keys) {
        return ShopifySettings.from(config(keys));
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

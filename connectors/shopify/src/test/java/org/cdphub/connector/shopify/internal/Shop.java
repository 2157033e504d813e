package org.cdphub.connector.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.api.model.CdpJson;

/** Test helpers: configurations built the way DS builds them, the recorded fixtures, signing. */
final class Shop {

    static final String ID = "shop";
    static final String SECRET = "hush-shopify-secret";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/shopify");

    private Shop() {
    }

    /** A {@link ShopifyConfig} holding {@code keys} (as in a .cfg file); other keys have their defaults, as DS does. */
    static ShopifyConfig config(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>(keys);
        return (ShopifyConfig) Proxy.newProxyInstance(ShopifyConfig.class.getClassLoader(),
                new Class<?>[] {ShopifyConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ShopifyConfig.class;
                    case "toString" -> "ShopifyConfig";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        String key = method.getName().replace('_', '.');
                        yield values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                    }
                });
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
        try {
            return Files.readAllBytes(FIXTURES.resolve(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String fixture) {
        try {
            return CdpJson.mapper().readTree(bytes(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sign(byte[] body, String secret) {
        return new WebhookSignature(secret).sign(body);
    }
}

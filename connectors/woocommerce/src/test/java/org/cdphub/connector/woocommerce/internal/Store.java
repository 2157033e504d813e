package org.cdphub.connector.woocommerce.internal;

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
final class Store {

    static final String ID = "store";
    static final String SECRET = "hush-woo-secret";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/woocommerce");

    private Store() {
    }

    /** A {@link WooConfig} holding {@code keys} (as in a .cfg file); other keys have their defaults, as DS does. */
    static WooConfig config(Map<String, String> keys) {
        Map<String, String> values = new HashMap<>(keys);
        return (WooConfig) Proxy.newProxyInstance(WooConfig.class.getClassLoader(),
                new Class<?>[] {WooConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> WooConfig.class;
                    case "toString" -> "WooConfig";
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

    static WooSettings settings(Map<String, String> keys) {
        return WooSettings.from(config(keys));
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

package org.cdphub.connector.dmp.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        Map<String, String> values = new HashMap<>(keys);
        return (DmpConfig) Proxy.newProxyInstance(DmpConfig.class.getClassLoader(),
                new Class<?>[] {DmpConfig.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType": return DmpConfig.class;
                        case "toString": return "DmpConfig" + values;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        default: break;
                    }
                    String key = method.getName().replace('_', '.');
                    return values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                });
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

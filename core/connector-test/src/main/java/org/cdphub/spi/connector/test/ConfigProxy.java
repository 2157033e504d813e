package org.cdphub.spi.connector.test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Metatype configuration interfaces built the way Declarative Services builds them, for settings tests. */
public final class ConfigProxy {

    private ConfigProxy() {
    }

    /**
     * An instance of the configuration annotation {@code type} holding {@code keys}, written as in a .cfg file (e.g.
     * {@code batch.size} for method {@code batch_size()}); a key that is not given has its default, or null when it
     * has none, as DS does.
     */
    public static <A> A of(Class<A> type, Map<String, String> keys) {
        Map<String, String> values = new HashMap<>(keys);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        String key = method.getName().replace('_', '.');
                        yield values.containsKey(key) ? values.get(key) : method.getDefaultValue();
                    }
                }));
    }
}

package org.cdphub.core.internal.osgi;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component property types as SCR builds them: each method returns the configured value or its default. */
final class Annotations {

    private Annotations() {
    }

    /** @param values by method name */
    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                }));
    }
}

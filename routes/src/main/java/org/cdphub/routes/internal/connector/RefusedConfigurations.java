package org.cdphub.routes.internal.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The connector configurations the DS runtime could not turn into a connector: a connector type checks its settings
 * when an instance is created and throws, naming the setting, so the component configuration is left in state
 * {@code FAILED_ACTIVATION} with the exception as its failure, and no connector reaches the runtime. Read from the DS
 * runtime's own record ({@link ServiceComponentRuntime}) when asked, so nothing here can drift from it.
 */
final class RefusedConfigurations {

    /** Factory PIDs of the hub's connector types start with this; the rest names the type, dots for dashes. */
    static final String PID_PREFIX = "org.cdphub.connector.";
    /** Where Felix FileInstall notes the file a configuration came from. */
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final String CAUSED_BY = "Caused by: ";
    /** What a constructor's exception arrives wrapped in: the reflective call's and DS's own exceptions. */
    private static final Set<String> WRAPPERS = Set.of("java.lang.reflect.InvocationTargetException",
            "java.lang.reflect.UndeclaredThrowableException", "org.osgi.service.component.ComponentException");

    private RefusedConfigurations() {
    }

    static List<RefusedConfiguration> of(ServiceComponentRuntime scr) {
        List<RefusedConfiguration> refused = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.serviceInterfaces == null
                    || !Arrays.asList(description.serviceInterfaces).contains(Connector.class.getName())) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    refused.add(refusal(description, configuration));
                }
            }
        }
        refused.sort(Comparator.comparing(RefusedConfiguration::id));
        return refused;
    }

    private static RefusedConfiguration refusal(ComponentDescriptionDTO description,
            ComponentConfigurationDTO configuration) {
        Map<String, Object> properties = configuration.properties == null ? Map.of() : configuration.properties;
        String pid = String.valueOf(properties.getOrDefault("service.pid", description.name));
        Object id = properties.get("id");
        Object file = properties.get(FILE_PROPERTY);
        return new RefusedConfiguration(id instanceof String s && !s.isBlank() ? s : pid, type(description),
                file == null ? pid : String.valueOf(file).replaceFirst("^file:", ""), reason(configuration.failure));
    }

    /** {@code crm-csv} for factory PID {@code org.cdphub.connector.crm.csv}; another PID as it is. */
    static String type(ComponentDescriptionDTO description) {
        String pid = description.configurationPid == null || description.configurationPid.length == 0
                ? description.name : description.configurationPid[0];
        return pid.startsWith(PID_PREFIX) ? pid.substring(PID_PREFIX.length()).replace('.', '-') : pid;
    }

    /**
     * The message of the exception the connector threw, from a failure as the DS runtime records it (a stack trace:
     * an exception's line, its frames, then a {@code Caused by:} line per cause): the first exception that is not a
     * wrapper of the reflective call or of DS itself, so that a connector's own exception, which names the setting,
     * is taken and not the cause it carries (a {@code URISyntaxException} under {@code "url: ..."}); its class where
     * it has no message.
     */
    static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return "refused when the connector was created (the log has no more either)";
        }
        List<String> exceptions = new ArrayList<>(); // the exception's line and each cause's, outermost first
        for (String line : failure.strip().split("\\R")) {
            if (exceptions.isEmpty()) {
                exceptions.add(line);
            } else if (line.startsWith(CAUSED_BY)) {
                exceptions.add(line.substring(CAUSED_BY.length()));
            }
        }
        String chosen = exceptions.stream().filter(e -> !WRAPPERS.contains(className(e))).findFirst()
                .orElse(exceptions.get(exceptions.size() - 1)); // only wrappers: the innermost
        int colon = chosen.indexOf(": ");
        return className(chosen).isEmpty() || colon < 0 ? chosen.strip() : chosen.substring(colon + 2).strip();
    }

    /** The class name an exception's line starts with ({@code java.lang.X: message}); empty for a line of prose. */
    private static String className(String line) {
        int colon = line.indexOf(": ");
        String head = (colon < 0 ? line : line.substring(0, colon)).strip();
        return head.contains(" ") ? "" : head;
    }
}

package org.cdphub.routes.internal.connector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The connector configurations that started no connector, and why:
 * <ul>
 * <li>its type refused it: a connector type checks its settings when an instance is created and throws, naming the
 * setting, so the component configuration is left in state {@code FAILED_ACTIVATION} with the exception as its
 * failure, and no connector reaches the runtime;</li>
 * <li>its type waits for a service that is not there (state {@code UNSATISFIED_REFERENCE});</li>
 * <li>no installed bundle provides its type: a file {@code etc/org.cdphub.connector.shopify-shop.cfg} dropped in before
 * {@code feature:install cdphub-connector-shopify} is held by Configuration Admin, and nothing takes it.</li>
 * </ul>
 * Read from the DS runtime's own record ({@link ServiceComponentRuntime}) and Configuration Admin's configurations
 * when asked, so nothing here can drift from them.
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

    /** A factory configuration as Configuration Admin holds it: its PID, factory PID and properties. */
    record Stored(String pid, String factoryPid, Map<String, Object> properties) {
    }

    /** @param stored the factory configurations whose factory PID starts with {@link #PID_PREFIX} */
    static List<RefusedConfiguration> of(ServiceComponentRuntime scr, List<Stored> stored) {
        List<RefusedConfiguration> refused = new ArrayList<>();
        Set<String> types = new HashSet<>(); // factory PIDs an installed connector type takes
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.serviceInterfaces == null
                    || !Arrays.asList(description.serviceInterfaces).contains(Connector.class.getName())) {
                continue;
            }
            types.add(pid(description));
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    refused.add(refusal(type(description), configuration.properties, description.name,
                            reason(configuration.failure)));
                } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    refused.add(refusal(type(description), configuration.properties, description.name,
                            waiting(description, configuration)));
                }
            }
        }
        for (Stored s : stored) {
            if (s.factoryPid() != null && s.factoryPid().startsWith(PID_PREFIX) && !types.contains(s.factoryPid())) {
                String type = type(s.factoryPid());
                refused.add(refusal(type, s.properties(), s.pid(), notInstalled(type, s.factoryPid(), types)));
            }
        }
        refused.sort(Comparator.comparing(RefusedConfiguration::id));
        return refused;
    }

    private static RefusedConfiguration refusal(String type, Map<String, Object> properties, String fallbackPid,
            String reason) {
        Map<String, Object> props = properties == null ? Map.of() : properties;
        String pid = String.valueOf(props.getOrDefault("service.pid", fallbackPid));
        Object id = props.get("id");
        Object file = props.get(FILE_PROPERTY);
        return new RefusedConfiguration(id instanceof String s && !s.isBlank() ? s : pid, type,
                file == null ? pid : String.valueOf(file).replaceFirst("^file:", ""), reason);
    }

    /**
     * Why nothing takes a configuration of factory PID {@code pid}: a type written with a dash in the file name
     * ({@code org.cdphub.connector.crm-csv-erp.cfg}: Felix FileInstall takes the name up to its first dash as the
     * factory PID, here {@code org.cdphub.connector.crm}) when installed types start with it, else a type that is not
     * installed.
     */
    private static String notInstalled(String type, String pid, Set<String> installed) {
        List<String> meant = installed.stream().filter(p -> p.startsWith(pid + ".")).sorted()
                .map(p -> type(p) + " (" + p + "-<name>.cfg)").toList();
        if (!meant.isEmpty()) {
            return "no connector type '" + type + "': the file name's type ends at its first '-', so write the type "
                    + "with dots, as in " + String.join(" or ", meant);
        }
        return "no installed bundle provides connector type '" + type + "' (one of the hub's own: feature:install "
                + "cdphub-connector-" + type + "; a bundle that is installed but not active: bundle:diag says why); "
                + "the configuration starts once its type is there";
    }

    /** What an instance waits for: each missing service by the connector's name for it, its interface and filter. */
    private static String waiting(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        Map<String, String> interfaces = description.references == null ? Map.of()
                : Arrays.stream(description.references).collect(Collectors.toMap(r -> r.name,
                        (ReferenceDTO r) -> r.interfaceName, (a, b) -> a));
        List<String> missing = new ArrayList<>();
        for (UnsatisfiedReferenceDTO u : configuration.unsatisfiedReferences == null
                ? new UnsatisfiedReferenceDTO[0] : configuration.unsatisfiedReferences) {
            missing.add(u.name + " (" + interfaces.getOrDefault(u.name, "?")
                    + (u.target == null || u.target.isBlank() ? "" : " matching " + u.target) + ")");
        }
        return "waiting for a service that is not there: " + (missing.isEmpty() ? "?" : String.join(", ", missing));
    }

    /** {@code crm-csv} for factory PID {@code org.cdphub.connector.crm.csv}; another PID as it is. */
    static String type(ComponentDescriptionDTO description) {
        return type(pid(description));
    }

    private static String type(String pid) {
        return pid.startsWith(PID_PREFIX) ? pid.substring(PID_PREFIX.length()).replace('.', '-') : pid;
    }

    /** The (factory) PID a component takes its configurations from. */
    private static String pid(ComponentDescriptionDTO description) {
        return description.configurationPid == null || description.configurationPid.length == 0
                ? description.name : description.configurationPid[0];
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

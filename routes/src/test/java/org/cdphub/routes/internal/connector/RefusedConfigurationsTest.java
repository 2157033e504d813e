package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class RefusedConfigurationsTest {

    /** As Felix SCR records a constructor's exception: the reflective wrapper, then the cause. */
    private static final String FAILURE = """
            java.lang.reflect.InvocationTargetException
            \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
            \tat org.apache.felix.scr.impl.inject.internal.ComponentConstructorImpl.newInstance(\
            ComponentConstructorImpl.java:326)
            Caused by: java.lang.IllegalArgumentException: url: 'http://crm example/in' is not a URL: \
            Illegal character in authority at index 7: http://crm example/in
            \tat org.cdphub.connector.webhook.internal.WebhookSettings.from(WebhookSettings.java:31)
            \t... 20 more
            Caused by: java.net.URISyntaxException: Illegal character in authority at index 7: http://crm example/in
            \tat java.base/java.net.URI$Parser.fail(URI.java:2976)
            \t... 22 more
            """;

    @Test
    void aConnectorConfigurationThatFailedActivationIsReportedWithTheSettingItsConnectorNamed() {
        ComponentDescriptionDTO webhook = description("org.cdphub.connector.webhook.internal.WebhookConnector",
                "org.cdphub.connector.webhook", Connector.class.getName());
        ComponentConfigurationDTO refused = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION, FAILURE,
                Map.of("id", "webhook-crm", "service.pid", "org.cdphub.connector.webhook~crm",
                        "felix.fileinstall.filename",
                        "file:/opt/cdphub/etc/org.cdphub.connector.webhook-crm.cfg"));
        ComponentConfigurationDTO running = configuration(ComponentConfigurationDTO.ACTIVE, null,
                Map.of("id", "webhook-demo"));

        List<RefusedConfiguration> found =
                RefusedConfigurations.of(runtime(Map.of(webhook, List.of(refused, running))), List.of());

        // the connector's own exception, which names the setting, not the wrapper around it nor the cause it carries
        assertThat(found).containsExactly(new RefusedConfiguration("webhook-crm", "webhook",
                "/opt/cdphub/etc/org.cdphub.connector.webhook-crm.cfg",
                "url: 'http://crm example/in' is not a URL: Illegal character in authority at index 7: "
                        + "http://crm example/in"));
    }

    @Test
    void otherComponentsFailuresAreNotConnectorConfigurations() {
        ComponentDescriptionDTO other = description("org.cdphub.core.internal.osgi.CoreComponent",
                "org.cdphub.core", "org.cdphub.api.service.ProfileService");
        ComponentConfigurationDTO failed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION, FAILURE,
                Map.of());

        assertThat(RefusedConfigurations.of(runtime(Map.of(other, List.of(failed))), List.of())).isEmpty();
    }

    @Test
    void withoutAnIdOrAFileThePidNamesTheConfiguration() {
        ComponentDescriptionDTO csv = description("org.cdphub.connector.crm.csv.internal.CrmCsvConnector",
                "org.cdphub.connector.crm.csv", Connector.class.getName());
        ComponentConfigurationDTO refused = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION,
                "java.lang.IllegalArgumentException: id: must be set\n\tat x.y(Z.java:1)\n",
                Map.of("service.pid", "org.cdphub.connector.crm.csv~a1"));

        assertThat(RefusedConfigurations.of(runtime(Map.of(csv, List.of(refused))), List.of())).containsExactly(
                new RefusedConfiguration("org.cdphub.connector.crm.csv~a1", "crm-csv",
                        "org.cdphub.connector.crm.csv~a1", "id: must be set"));
    }

    @Test
    void aConfigurationOfATypeNoInstalledBundleProvidesIsListedWithTheFeatureToInstall() {
        ComponentDescriptionDTO csv = description("org.cdphub.connector.crm.csv.internal.CrmCsvConnector",
                "org.cdphub.connector.crm.csv", Connector.class.getName());
        ComponentConfigurationDTO running = configuration(ComponentConfigurationDTO.ACTIVE, null,
                Map.of("id", "crm-hubspot", "service.pid", "org.cdphub.connector.crm.csv~hubspot"));
        var shopify = new RefusedConfigurations.Stored("org.cdphub.connector.shopify~shop",
                "org.cdphub.connector.shopify", Map.of("id", "shopify-shop", "felix.fileinstall.filename",
                        "file:/opt/cdphub/etc/org.cdphub.connector.shopify-shop.cfg"));
        var hubspot = new RefusedConfigurations.Stored("org.cdphub.connector.crm.csv~hubspot",
                "org.cdphub.connector.crm.csv", Map.of("id", "crm-hubspot"));
        var other = new RefusedConfigurations.Stored("org.example.thing~a", "org.example.thing", Map.of());

        List<RefusedConfiguration> found = RefusedConfigurations.of(runtime(Map.of(csv, List.of(running))),
                List.of(shopify, hubspot, other));

        assertThat(found).as("the running crm-csv instance and another bundle's configuration are not listed")
                .containsExactly(new RefusedConfiguration("shopify-shop", "shopify",
                        "/opt/cdphub/etc/org.cdphub.connector.shopify-shop.cfg",
                        "no installed bundle provides connector type 'shopify' (one of the hub's own: "
                                + "feature:install cdphub-connector-shopify; a bundle that is installed but not "
                                + "active: bundle:diag says why); the configuration starts once its type is there"));
    }

    @Test
    void aTypeWrittenWithADashInTheFileNameIsToldToUseDots() {
        ComponentDescriptionDTO csv = description("org.cdphub.connector.crm.csv.internal.CrmCsvConnector",
                "org.cdphub.connector.crm.csv", Connector.class.getName());
        ComponentDescriptionDTO jdbc = description("org.cdphub.connector.crm.jdbc.internal.CrmJdbcConnector",
                "org.cdphub.connector.crm.jdbc", Connector.class.getName());
        // org.cdphub.connector.crm-csv-erp.cfg: FileInstall reads factory PID org.cdphub.connector.crm, name csv-erp
        var misnamed = new RefusedConfigurations.Stored("org.cdphub.connector.crm~csv-erp",
                "org.cdphub.connector.crm", Map.of("id", "crm-erp"));

        assertThat(RefusedConfigurations.of(runtime(Map.of(csv, List.of(), jdbc, List.of())), List.of(misnamed)))
                .extracting(RefusedConfiguration::reason).containsExactly("no connector type 'crm': the file name's "
                        + "type ends at its first '-', so write the type with dots, as in crm-csv "
                        + "(org.cdphub.connector.crm.csv-<name>.cfg) or crm-jdbc "
                        + "(org.cdphub.connector.crm.jdbc-<name>.cfg)");
    }

    @Test
    void aConfigurationWaitingForAMissingServiceSaysWhichOne() {
        ComponentDescriptionDTO plugin = description("com.example.cdp.SmsConnector", "org.cdphub.connector.sms.acme",
                Connector.class.getName());
        ReferenceDTO gateway = new ReferenceDTO();
        gateway.name = "gateway";
        gateway.interfaceName = "com.example.sms.Gateway";
        plugin.references = new ReferenceDTO[] {gateway};
        ComponentConfigurationDTO waiting = configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, null,
                Map.of("id", "sms-acme"));
        UnsatisfiedReferenceDTO missing = new UnsatisfiedReferenceDTO();
        missing.name = "gateway";
        missing.target = "(region=eu)";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {missing};

        assertThat(RefusedConfigurations.of(runtime(Map.of(plugin, List.of(waiting))), List.of()))
                .extracting(RefusedConfiguration::id, RefusedConfiguration::type, RefusedConfiguration::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sms-acme", "sms-acme",
                        "waiting for a service that is not there: gateway (com.example.sms.Gateway matching "
                                + "(region=eu))"));
    }

    @Test
    void theReasonIsTheInnermostMessageOrItsClass() {
        assertThat(RefusedConfigurations.reason("java.lang.NullPointerException\n\tat a.b(C.java:1)"))
                .isEqualTo("java.lang.NullPointerException");
        assertThat(RefusedConfigurations.reason("Could not load the settings: see the log"))
                .isEqualTo("Could not load the settings: see the log");
        assertThat(RefusedConfigurations.reason(null)).contains("refused");
        assertThat(RefusedConfigurations.reason("java.lang.reflect.InvocationTargetException\n\tat a.b(C.java:1)"))
                .as("a wrapper with nothing inside").isEqualTo("java.lang.reflect.InvocationTargetException");
    }

    private static ComponentDescriptionDTO description(String name, String pid, String service) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.configurationPid = new String[] {pid};
        d.serviceInterfaces = new String[] {service};
        return d;
    }

    private static ComponentConfigurationDTO configuration(int state, String failure, Map<String, Object> props) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.failure = failure;
        c.properties = props;
        return c;
    }

    /** A DS runtime that knows these descriptions and their configurations (the rest of its methods unused). */
    private static ServiceComponentRuntime runtime(Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> of) {
        return (ServiceComponentRuntime) Proxy.newProxyInstance(RefusedConfigurationsTest.class.getClassLoader(),
                new Class<?>[] {ServiceComponentRuntime.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getComponentDescriptionDTOs" -> of.keySet();
                    case "getComponentConfigurationDTOs" -> of.get((ComponentDescriptionDTO) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

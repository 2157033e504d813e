package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.junit.jupiter.api.Test;

class ConnectorsCommandTest {

    private static final String ERROR = "poll failed after 4 attempts: connection to "
            + "jdbc:postgresql://crm.internal:5432/crm refused (check jdbc.url and that the database accepts connections)";

    @Test
    void theTableCutsTheLastErrorAndVerboseShowsItWhole() throws Exception {
        ConnectorsCommand command = new ConnectorsCommand();
        command.registry = () -> List.of(new ConnectorStatus(
                new ConnectorInfo("crm-erp", "crm-jdbc", Direction.INBOUND, Map.of("jdbc.password", "****")),
                ConnectorState.FAILED, 10, 10, 0, 0, 0, 0, ERROR, Instant.parse("2026-12-02T09:51:03.250Z"),
                Instant.parse("2026-12-02T10:00:00Z")));

        String table = ConsoleOutput.of(command::execute);
        assertThat(table).contains("crm-erp").contains("2026-12-02T09:51:03Z " + ERROR.substring(0, 40))
                .doesNotContain(ERROR).doesNotContain("jdbc.password");

        command.verbose = true;
        String verbose = ConsoleOutput.of(command::execute);
        assertThat(verbose).contains("  jdbc.password = ****\n")
                .contains("  last error (2026-12-02T09:51:03Z): " + ERROR + "\n")
                .contains("  last activity: 2026-12-02T10:00:00Z\n");
    }

    @Test
    void refusedConfigurationsAreListedUnderTheTableWithTheirReason() throws Exception {
        ConnectorsCommand command = new ConnectorsCommand();
        RefusedConfiguration refused = new RefusedConfiguration("webhook-crm", "webhook",
                "/opt/cdphub/etc/org.cdphub.connector.webhook-crm.cfg",
                "url: must start with http:// or https://, got 'ftp://crm.example/in'");
        command.registry = new ConnectorRegistry() {
            @Override
            public List<ConnectorStatus> connectors() {
                return List.of();
            }

            @Override
            public List<RefusedConfiguration> refusedConfigurations() {
                return List.of(refused);
            }
        };

        assertThat(ConsoleOutput.of(command::execute)).contains("Configurations that started no connector")
                .contains("  webhook-crm (webhook, /opt/cdphub/etc/org.cdphub.connector.webhook-crm.cfg): "
                        + "url: must start with http:// or https://, got 'ftp://crm.example/in'\n");
    }

    @Test
    void nothingIsSaidOfRefusalsWhenThereAreNone() throws Exception {
        ConnectorsCommand command = new ConnectorsCommand();
        command.registry = List::of;
        assertThat(ConsoleOutput.of(command::execute)).doesNotContain("Refused");
    }
}

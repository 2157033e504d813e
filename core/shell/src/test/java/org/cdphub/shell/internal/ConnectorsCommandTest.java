package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

class ConnectorsCommandTest {

    private static final String ERROR = "poll failed after 4 attempts: connection to "
            + "jdbc:postgresql://crm.internal:5432/crm refused (check jdbc.url and that the database accepts connections)";

    @Test
    void theTableCutsTheLastErrorAndVerboseShowsItWhole() throws Exception {
        ConnectorsCommand command = new ConnectorsCommand();
        command.registry = () -> List.of(new ConnectorStatus(
                new ConnectorInfo("crm-erp", "crm-jdbc", Direction.INBOUND, Map.of("jdbc.password", "****")),
                ConnectorState.FAILED, 10, 10, 0, 0, 0, 0, ERROR, Instant.EPOCH));

        String table = ConsoleOutput.of(command::execute);
        assertThat(table).contains("crm-erp").contains(ERROR.substring(0, 40)).doesNotContain(ERROR)
                .doesNotContain("jdbc.password");

        command.verbose = true;
        String verbose = ConsoleOutput.of(command::execute);
        assertThat(verbose).contains("  jdbc.password = ****\n").contains("  last error: " + ERROR + "\n");
    }
}

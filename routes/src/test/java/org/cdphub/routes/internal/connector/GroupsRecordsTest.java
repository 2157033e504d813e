package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

/** Which connectors' batches the bridge sends in record groups: all but inbound ones that send each record once. */
class GroupsRecordsTest {

    @Test
    void anInboundConnectorThatSendsEachRecordOnceSendsWithoutGroups() {
        assertThat(ConnectorInstance.groupsRecords(connector(Direction.INBOUND, true))).isFalse();
    }

    @Test
    void anInboundConnectorThatMaySendARecordAgainKeepsItsGroups() {
        assertThat(ConnectorInstance.groupsRecords(connector(Direction.INBOUND, false))).isTrue();
    }

    @Test
    void anOutboundConnectorKeepsTheGroupsWhateverItSays() {
        assertThat(ConnectorInstance.groupsRecords(connector(Direction.OUTBOUND, true))).isTrue();
        assertThat(ConnectorInstance.groupsRecords(connector(Direction.OUTBOUND, false))).isTrue();
    }

    private static Connector connector(Direction direction, boolean once) {
        ConnectorInfo info = new ConnectorInfo("test-connector", "test", direction, Map.of());
        return new Connector() {
            @Override
            public ConnectorInfo info() {
                return info;
            }

            @Override
            public RoutesBuilder routes(ConnectorContext context) {
                throw new UnsupportedOperationException("not started here");
            }

            @Override
            public boolean sendsEachRecordOnce() {
                return once;
            }
        };
    }
}

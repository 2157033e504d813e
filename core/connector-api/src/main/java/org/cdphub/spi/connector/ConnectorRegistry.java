package org.cdphub.spi.connector;

import java.util.List;

/** The connector instances the runtime knows, with their state and counters. */
public interface ConnectorRegistry {

    List<ConnectorStatus> connectors();

    /**
     * Connector configurations that exist but started no connector, because the connector refused them when it was
     * created (a missing or invalid setting): an admin's typo must show where the connectors are listed, not only in
     * the log. Empty where the runtime cannot tell.
     */
    default List<RefusedConfiguration> refusedConfigurations() {
        return List.of();
    }
}

package org.cdphub.spi.connector;

import java.util.List;

/** The connector instances the runtime knows, with their state and counters. */
public interface ConnectorRegistry {

    List<ConnectorStatus> connectors();

    /**
     * Connector configurations that exist but started no connector: the connector refused them when it was created (a
     * missing or invalid setting), it waits for a service that is not there, or no installed bundle provides its type.
     * An admin's typo or missing feature must show where the connectors are listed, not only in the log. Empty where
     * the runtime cannot tell.
     */
    default List<RefusedConfiguration> refusedConfigurations() {
        return List.of();
    }
}

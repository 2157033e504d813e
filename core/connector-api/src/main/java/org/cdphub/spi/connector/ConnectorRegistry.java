package org.cdphub.spi.connector;

import java.util.List;

/** The connector instances the runtime knows, with their state and counters. */
public interface ConnectorRegistry {

    List<ConnectorStatus> connectors();
}

package org.cdphub.api.service;

import java.util.Optional;

/**
 * Connector checkpoints in the hub's store (see {@code org.cdphub.spi.connector.Checkpoints}, which the connector
 * runtime scopes to one instance on top of this service).
 */
public interface CheckpointStore {

    Optional<String> loadCheckpoint(String connectorId, String key);

    /** Saves {@code value}, replacing the previous one; committed when the method returns. */
    void saveCheckpoint(String connectorId, String key, String value);

    void deleteCheckpoint(String connectorId, String key);
}

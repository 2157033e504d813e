package org.cdphub.routes.internal.connector;

import java.util.Optional;
import org.cdphub.api.service.CheckpointStore;
import org.cdphub.spi.connector.Checkpoints;

/** The checkpoints of one connector instance, in the hub's store. */
record StoredCheckpoints(CheckpointStore store, String connectorId) implements Checkpoints {

    @Override
    public Optional<String> get(String key) {
        return store.loadCheckpoint(connectorId, key);
    }

    @Override
    public void put(String key, String value) {
        store.saveCheckpoint(connectorId, key, value);
    }

    @Override
    public void remove(String key) {
        store.deleteCheckpoint(connectorId, key);
    }
}

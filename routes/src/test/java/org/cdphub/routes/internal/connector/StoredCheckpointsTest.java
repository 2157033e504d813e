package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cdphub.api.service.CheckpointStore;
import org.cdphub.spi.connector.Checkpoints;
import org.junit.jupiter.api.Test;

/** What a connector instance gets as its checkpoints: the hub's store, scoped to its id. */
class StoredCheckpointsTest {

    private final Map<String, String> rows = new ConcurrentHashMap<>();
    private final CheckpointStore store = new CheckpointStore() {
        @Override
        public Optional<String> loadCheckpoint(String connectorId, String key) {
            return Optional.ofNullable(rows.get(connectorId + "|" + key));
        }

        @Override
        public void saveCheckpoint(String connectorId, String key, String value) {
            rows.put(connectorId + "|" + key, value);
        }

        @Override
        public void deleteCheckpoint(String connectorId, String key) {
            rows.remove(connectorId + "|" + key);
        }
    };

    @Test
    void instancesSeeOnlyTheirOwnCheckpointsAndANewInstanceOfTheSameIdResumes() {
        Checkpoints hubspot = new StoredCheckpoints(store, "crm-hubspot");
        Checkpoints other = new StoredCheckpoints(store, "crm-other");
        hubspot.put("contacts", "1735689600000");
        other.put("contacts", "42");

        assertThat(new StoredCheckpoints(store, "crm-hubspot").get("contacts")).contains("1735689600000");
        assertThat(other.get("contacts")).contains("42");
        hubspot.remove("contacts");
        assertThat(hubspot.get("contacts")).isEmpty();
        assertThat(rows).containsOnlyKeys("crm-other|contacts");
    }
}

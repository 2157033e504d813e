package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbcCheckpointStoreTest {

    private final DataSource dataSource;
    private final JdbcCheckpointStore store;

    JdbcCheckpointStoreTest(TestDatabase database) {
        this.dataSource = database.fresh();
        this.store = new JdbcCheckpointStore(dataSource, new MutableClock(Instant.parse("2025-03-01T09:00:00Z")));
    }

    @Test
    void savesReplacesAndDeletesPerConnector() {
        assertThat(store.loadCheckpoint("crm-hubspot", "contacts")).isEmpty();
        store.saveCheckpoint("crm-hubspot", "contacts", "1735689600000");
        store.saveCheckpoint("crm-other", "contacts", "7");
        store.saveCheckpoint("crm-hubspot", "contacts", "1735689700000");

        assertThat(store.loadCheckpoint("crm-hubspot", "contacts")).contains("1735689700000");
        assertThat(store.loadCheckpoint("crm-other", "contacts")).contains("7");

        store.deleteCheckpoint("crm-hubspot", "contacts");
        assertThat(store.loadCheckpoint("crm-hubspot", "contacts")).isEmpty();
        assertThat(store.loadCheckpoint("crm-other", "contacts")).contains("7");
    }

    @Test
    void survivesANewStoreOnTheSameDatabase() {
        store.saveCheckpoint("shop", "orders", "cursor-abc");
        JdbcCheckpointStore afterRestart = new JdbcCheckpointStore(dataSource, java.time.Clock.systemUTC());
        assertThat(afterRestart.loadCheckpoint("shop", "orders")).contains("cursor-abc");
    }

    @Test
    void refusesValuesLongerThanTheColumn() {
        assertThatThrownBy(() -> store.saveCheckpoint("shop", "orders", "x".repeat(4001)))
                .hasMessageContaining("longer than 4000");
    }
}

package org.cdphub.spi.connector;

import java.util.Optional;

/**
 * Where a connector instance keeps its position for incremental sync (a timestamp, a cursor, a page token), stored in
 * the hub's database so that it survives restarts and is shared by every node. Values are opaque to the hub and
 * scoped to the instance: two instances never see each other's checkpoints.
 *
 * <p>Save a checkpoint only after the fragments read up to it were sent to
 * {@link ConnectorContext#fragmentsUri()}: sending returns once the broker holds them, so a crash in between replays
 * a little (harmless, fragments are idempotent) and never skips.
 */
public interface Checkpoints {

    /** The saved value for {@code key}, if any. */
    Optional<String> get(String key);

    /** Saves {@code value} for {@code key}, replacing the previous one; committed when the method returns. */
    void put(String key, String value);

    /** Forgets {@code key} (a full re-sync follows). */
    void remove(String key);
}

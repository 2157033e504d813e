package org.cdphub.connector.crm.jdbc.internal;

import java.util.Objects;
import org.cdphub.api.model.Fragment;

/** Outcome of mapping one row: a fragment, a removal (soft-deleted), or the reason the row cannot be taken. */
sealed interface MapResult {

    record Mapped(Fragment fragment) implements MapResult {
        public Mapped {
            Objects.requireNonNull(fragment, "fragment");
        }
    }

    /** The source deleted the record: {@code key} is the source record id of the fragment to remove. */
    record Removed(String key) implements MapResult {
        public Removed {
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code raw} is the row as read, as JSON. */
    record Rejected(String reason, String raw) implements MapResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

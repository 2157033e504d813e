package org.cdphub.spi.connector.support.csv;

import java.util.Objects;
import org.cdphub.api.model.Fragment;

/** Outcome of mapping one row: a fragment, the reason the row cannot be taken, or a row that has already expired. */
public sealed interface MapResult {

    record Mapped(Fragment fragment) implements MapResult {
        public Mapped {
            Objects.requireNonNull(fragment, "fragment");
        }
    }

    record Rejected(String reason) implements MapResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A valid row whose data expired before it was read: dropped and counted, not dead-lettered. */
    record Expired() implements MapResult {
    }
}

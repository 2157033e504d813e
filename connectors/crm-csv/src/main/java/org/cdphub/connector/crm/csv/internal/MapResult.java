package org.cdphub.connector.crm.csv.internal;

import java.util.Objects;
import org.cdphub.api.model.Fragment;

/** Outcome of mapping one row: a fragment, or the reason the row cannot be taken. */
sealed interface MapResult {

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
}

package org.cdphub.connector.crm.rest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.cdphub.api.model.Fragment;

/** Outcome of mapping one HubSpot contact: a fragment, or the reason it cannot be taken. */
sealed interface MapResult {

    /**
     * @param fragment  the contact as a fragment; its {@code observedAt} is the contact's {@code lastmodifieddate}
     * @param mergedIds ids of contacts HubSpot merged into this one ({@code hs_merged_object_ids}): gone at the source
     */
    record Mapped(Fragment fragment, List<String> mergedIds) implements MapResult {
        public Mapped {
            Objects.requireNonNull(fragment, "fragment");
            mergedIds = List.copyOf(mergedIds);
        }

        String id() {
            return fragment.sourceRecordId();
        }

        Instant modifiedAt() {
            return fragment.observedAt();
        }
    }

    /**
     * @param id         the contact's id, or empty when it has none
     * @param modifiedAt the contact's lastmodifieddate, or null when it has none that can be read
     * @param reason     what is wrong
     */
    record Rejected(String id, Instant modifiedAt, String reason) implements MapResult {
        public Rejected {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }
}

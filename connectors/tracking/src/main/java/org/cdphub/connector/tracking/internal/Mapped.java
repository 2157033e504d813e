package org.cdphub.connector.tracking.internal;

import org.cdphub.api.model.Fragment;

/** What one tracking message became: a fragment, or the reason it was refused. Never null. */
sealed interface Mapped {

    record Accepted(Fragment fragment) implements Mapped {
    }

    record Refused(String messageId, String reason) implements Mapped {
    }
}

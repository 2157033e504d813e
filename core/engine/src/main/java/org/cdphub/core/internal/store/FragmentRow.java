package org.cdphub.core.internal.store;

import java.time.Instant;

/** A fragment row to write; {@code body} is the fragment's JSON; {@code expiresAt} may be null (kept). */
public record FragmentRow(FragmentKey key, String profileId, Instant observedAt, String contentHash, String body,
        Instant expiresAt) {
}

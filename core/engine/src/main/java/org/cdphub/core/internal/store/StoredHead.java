package org.cdphub.core.internal.store;

import java.time.Instant;

/** What the store knows about a fragment without reading its body: owner, version time and content hash. */
public record StoredHead(String profileId, Instant observedAt, String contentHash) {
}

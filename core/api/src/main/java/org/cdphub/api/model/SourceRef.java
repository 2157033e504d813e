package org.cdphub.api.model;

import java.time.Instant;

/** A fragment that contributed to a profile. */
public record SourceRef(String source, String sourceRecordId, Instant observedAt) {
}

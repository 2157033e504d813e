package org.cdphub.api.model;

import java.time.Instant;

/** The value a profile shows for a trait, with the fragment it came from. */
public record TraitValue(Object value, String source, String sourceRecordId, Instant observedAt) {
}

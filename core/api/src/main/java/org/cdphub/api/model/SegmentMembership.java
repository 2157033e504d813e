package org.cdphub.api.model;

import java.time.Instant;

/** Membership of a profile in a segment since a time. */
public record SegmentMembership(String segment, Instant since) {
}

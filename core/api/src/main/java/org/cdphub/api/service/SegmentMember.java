package org.cdphub.api.service;

import java.time.Instant;

/** A member of a segment: the profile and since when it is a member. */
public record SegmentMember(String profileId, Instant since) {
}

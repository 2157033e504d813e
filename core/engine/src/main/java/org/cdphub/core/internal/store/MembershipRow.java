package org.cdphub.core.internal.store;

import java.time.Instant;

/** One row of {@code cdp_segment_membership}. */
public record MembershipRow(String profileId, String segment, Instant since) {
}

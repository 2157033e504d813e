package org.cdphub.core.internal.store;

import java.time.Instant;

/** One membership: a profile in a segment since an instant. */
public record MembershipRow(String profileId, String segment, Instant since) {
}

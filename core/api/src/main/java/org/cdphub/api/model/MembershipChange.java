package org.cdphub.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A profile entered or left a segment. It carries the profile's identifiers and consents at the time of the change, so
 * that an outbound connector can address the person and the runtime can enforce consent at send time.
 *
 * @param reason why, for example {@code evaluated} or {@code merged-into:<profileId>}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MembershipChange(String profileId, String segment, Kind kind, Instant at, String reason,
        List<Identifier> identifiers, List<Consent> consents) {

    public enum Kind {
        ENTERED, EXITED
    }

    public MembershipChange {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        consents = consents == null ? List.of() : List.copyOf(consents);
    }
}

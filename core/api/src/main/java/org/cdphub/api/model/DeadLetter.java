package org.cdphub.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A record the hub could not take, with enough context to find and fix it.
 *
 * @param stage    where it failed, for example {@code connector.crm-salesforce.map} or {@code core.merge}
 * @param location where the record is in its source, for example {@code contacts.csv:17}
 * @param reason   what is wrong, in words an operator can act on
 * @param raw      the record as received, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeadLetter(String stage, String source, String location, String reason, String raw, Instant at) {
}

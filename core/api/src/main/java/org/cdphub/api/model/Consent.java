package org.cdphub.api.model;

import java.time.Instant;

/**
 * A consent for one purpose (for example {@code marketing}) on one channel (for example {@code email}, {@code sms},
 * {@code ads}), with the time it was given or withdrawn and the source that reported it.
 */
public record Consent(String purpose, String channel, ConsentStatus status, Instant updatedAt, String source) {

    /** {@code purpose/channel}, the key under which a profile keeps its latest consent. */
    public String key() {
        return purpose + "/" + channel;
    }

    public boolean granted() {
        return status == ConsentStatus.GRANTED;
    }
}

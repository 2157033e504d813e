package org.cdphub.api.service;

import java.time.Instant;

/** A segment as the console shows it. */
public record SegmentInfo(String name, String condition, long members, Instant lastChange) {
}

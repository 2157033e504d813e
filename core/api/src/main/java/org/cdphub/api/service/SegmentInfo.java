package org.cdphub.api.service;

import java.time.Instant;

/**
 * A segment as the console and the REST API show it: its name, the description and file of its active definition
 * (empty when there is none), how many profiles are members and when membership last changed (null when never).
 */
public record SegmentInfo(String name, String description, String file, long members, Instant lastChange) {

    public SegmentInfo {
        description = description == null ? "" : description.strip();
        file = file == null ? "" : file;
    }

    /** The description followed by the file in parentheses, or whichever of the two there is. */
    public String describe() {
        return description.isEmpty() ? file : file.isEmpty() ? description : description + " (" + file + ")";
    }
}

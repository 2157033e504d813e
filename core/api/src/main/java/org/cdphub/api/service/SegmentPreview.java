package org.cdphub.api.service;

import java.util.List;

/**
 * The outcome of a dry run of a segment definition.
 *
 * @param segment   the definition's name
 * @param evaluated profiles looked at
 * @param matching  profiles that would be members now
 * @param sample    ids of some of them
 */
public record SegmentPreview(String segment, long evaluated, long matching, List<String> sample) {

    public SegmentPreview {
        sample = List.copyOf(sample);
    }
}

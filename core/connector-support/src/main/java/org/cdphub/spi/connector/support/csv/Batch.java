package org.cdphub.spi.connector.support.csv;

import java.util.List;
import org.cdphub.api.model.Fragment;

/**
 * Up to {@code batch.size} fragments and the rows among the same stretch of the file that could not be taken.
 *
 * @param rowsRead rows read for this batch: good, bad and expired (blank lines not counted)
 * @param expired  valid rows dropped because their data had expired before the file was read
 */
public record Batch(List<Fragment> fragments, List<Rejection> rejections, int rowsRead, int expired) {

    public Batch {
        fragments = List.copyOf(fragments);
        rejections = List.copyOf(rejections);
    }

    /**
     * A row that could not be taken.
     *
     * @param location {@code <file>:<line>}
     * @param raw      the row's text as in the file, or null when there is none
     */
    public record Rejection(String location, String reason, String raw) {
    }
}

package org.cdphub.connector.dmp.internal;

import java.time.Instant;

/**
 * Where and when a row was read.
 *
 * @param file         the file name, without its folder
 * @param line         the physical line the row starts on (the header is line 1)
 * @param fileModified the file's last-modified time: the observedAt of audience rows, and of sync rows without a time
 * @param readAt       when the file was read: rows that expire by then are dropped
 */
record RowOrigin(String file, long line, Instant fileModified, Instant readAt) {

    /** {@code <file>:<line>}, the dead-letter location. */
    String location() {
        return file + ":" + line;
    }
}

package org.cdphub.connector.crm.csv.internal;

import java.time.Instant;

/**
 * Where a row comes from.
 *
 * @param file         the file name, without its folder
 * @param line         the physical line the row starts on (the header is line 1)
 * @param fileModified the file's last-modified time, the row's observedAt when the mapping names no such column
 */
record RowOrigin(String file, long line, Instant fileModified) {

    /** {@code <file>:<line>}, the dead-letter location. */
    String location() {
        return file + ":" + line;
    }
}

package org.cdphub.connector.dmp.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.spi.connector.support.csv.CsvFile;
import org.cdphub.spi.connector.support.csv.CsvFileException;
import org.cdphub.spi.connector.support.csv.HeaderRule;

/**
 * Opens files of one kind: decodes them (malformed bytes become U+FFFD, so the rows holding them can be rejected one
 * by one), skips a byte order mark, reads and checks the header, and hands out the batches.
 */
final class DmpFileReader {

    private final RowMapper mapper;
    private final char delimiter;
    private final Charset charset;
    private final int batchSize;
    private final HeaderRule header;

    DmpFileReader(RowMapper mapper, char delimiter, Charset charset, int batchSize) {
        this.mapper = mapper;
        this.delimiter = delimiter;
        this.charset = charset;
        this.batchSize = batchSize;
        List<String> read = new ArrayList<>(mapper.requiredColumns());
        read.addAll(mapper.optionalColumns());
        this.header = new HeaderRule(mapper.requiredColumns(), read, null);
    }

    /**
     * Opens a file; its last-modified time is the observedAt of its rows (unless a row says when it was synced).
     *
     * @param readAt rows whose data expires by then are dropped
     * @throws CsvFileException when the header is missing or lacks a required column
     */
    DmpBatches open(Path file, Instant readAt) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return CsvFile.decode(file, charset, text -> open(text, file.getFileName().toString(), modified, readAt));
    }

    /** Opens decoded text; closes {@code text} when the header is unusable or the last batch has been taken. */
    DmpBatches open(Reader text, String fileName, Instant modified, Instant readAt) throws IOException {
        return new DmpBatches(CsvFile.open(text, fileName, delimiter, header), mapper, modified, readAt, charset,
                batchSize);
    }
}

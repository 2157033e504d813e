package org.cdphub.connector.crm.csv.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.cdphub.spi.connector.support.csv.CsvFile;
import org.cdphub.spi.connector.support.csv.CsvFileException;
import org.cdphub.spi.connector.support.csv.HeaderRule;

/**
 * Opens contact files: decodes them (malformed bytes become U+FFFD, so the rows holding them can be rejected one by
 * one), skips a byte order mark, reads and checks the header against the mapping, and hands out the batches.
 */
final class ContactFileReader {

    private final ContactMapper mapper;
    private final char delimiter;
    private final Charset charset;
    private final int batchSize;
    private final HeaderRule header;

    ContactFileReader(ContactMapper mapper, char delimiter, Charset charset, int batchSize) {
        this.mapper = mapper;
        this.delimiter = delimiter;
        this.charset = charset;
        this.batchSize = batchSize;
        this.header = new HeaderRule(mapper.mapping().requiredColumns(), mapper.mapping().columns(), "the mapping");
    }

    /**
     * Opens a file; its last-modified time stands in for a missing observedAt.
     *
     * @throws CsvFileException when the header is missing or lacks a mapped column
     */
    ContactBatches open(Path file) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        return CsvFile.decode(file, charset, text -> open(text, file.getFileName().toString(), modified));
    }

    /** Opens decoded text; closes {@code text} when the header is unusable or the last batch has been taken. */
    ContactBatches open(Reader text, String fileName, Instant modified) throws IOException {
        return new ContactBatches(CsvFile.open(text, fileName, delimiter, header), mapper, modified, charset,
                batchSize);
    }
}

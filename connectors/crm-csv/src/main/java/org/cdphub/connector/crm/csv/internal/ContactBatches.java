package org.cdphub.connector.crm.csv.internal;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import org.cdphub.spi.connector.support.csv.CsvBatches;
import org.cdphub.spi.connector.support.csv.CsvFile;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/** The batches of one contact file, read lazily; each good row goes through the {@link ContactMapper}. */
final class ContactBatches extends CsvBatches {

    private final ContactMapper mapper;
    private final Instant fileModified;

    ContactBatches(CsvFile csv, ContactMapper mapper, Instant fileModified, Charset charset, int batchSize) {
        super(csv, charset, batchSize);
        this.mapper = mapper;
        this.fileModified = fileModified;
    }

    @Override
    protected MapResult map(CsvHeader header, List<String> values, long line) {
        return mapper.map(header, values, new RowOrigin(file(), line, fileModified));
    }
}

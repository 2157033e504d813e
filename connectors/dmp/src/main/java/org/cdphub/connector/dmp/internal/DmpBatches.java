package org.cdphub.connector.dmp.internal;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import org.cdphub.spi.connector.support.csv.CsvBatches;
import org.cdphub.spi.connector.support.csv.CsvFile;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/**
 * The batches of one audience or sync file, read lazily; each good row goes through the file kind's
 * {@link RowMapper}, and rows whose data expired before {@code readAt} are dropped and counted.
 */
final class DmpBatches extends CsvBatches {

    private final RowMapper mapper;
    private final Instant fileModified;
    private final Instant readAt;

    DmpBatches(CsvFile csv, RowMapper mapper, Instant fileModified, Instant readAt, Charset charset, int batchSize) {
        super(csv, charset, batchSize);
        this.mapper = mapper;
        this.fileModified = fileModified;
        this.readAt = readAt;
    }

    @Override
    protected MapResult map(CsvHeader header, List<String> values, long line) {
        return mapper.map(header, values, new RowOrigin(file(), line, fileModified, readAt));
    }

    /** Totals so far: {@code <rows> rows, <fragments> fragments, <expired> expired, <rejections> rejected}. */
    @Override
    public String summary() {
        return summaryWithExpired();
    }
}

package org.cdphub.spi.connector.support.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.cdphub.api.model.Fragment;

/**
 * The batches of one file, read lazily: each holds up to {@code batchSize} fragments (or {@code batchSize}
 * rejections), so a file of any length is never in memory. Rows that are broken, hold undecodable bytes or have the
 * wrong number of columns are rejected here; the others go to {@link #map}. Closes the file when the last batch has
 * been taken.
 */
public abstract class CsvBatches implements Iterator<Batch>, Closeable {

    private static final char REPLACEMENT = '\uFFFD';

    private final CsvFile csv;
    private final Charset charset;
    private final int batchSize;
    private Batch next;
    private boolean exhausted;
    private long rowsRead;
    private long fragments;
    private long expired;
    private long rejections;

    protected CsvBatches(CsvFile csv, Charset charset, int batchSize) {
        this.csv = csv;
        this.charset = charset;
        this.batchSize = batchSize;
    }

    /** Maps one well-formed row, which starts on physical line {@code line}. */
    protected abstract MapResult map(CsvHeader header, List<String> values, long line);

    /** The file name, without its folder. */
    protected final String file() {
        return csv.name();
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            next = fill();
        }
        return next != null;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches in " + csv.name());
        }
        Batch batch = next;
        next = null;
        return batch;
    }

    private Batch fill() {
        List<Fragment> good = new ArrayList<>();
        List<Batch.Rejection> bad = new ArrayList<>();
        int read = 0;
        int dropped = 0;
        while (good.size() < batchSize && bad.size() < batchSize) {
            CsvRows.Row row = csv.rows().next();
            if (row == null) {
                exhausted = true;
                close();
                break;
            }
            read++;
            String reason = check(row);
            if (reason == null) {
                MapResult result = map(csv.header(), ((CsvRows.Parsed) row).values(), row.line());
                if (result instanceof MapResult.Mapped mapped) {
                    good.add(mapped.fragment());
                    continue;
                }
                if (result instanceof MapResult.Expired) {
                    dropped++;
                    continue;
                }
                reason = ((MapResult.Rejected) result).reason();
            }
            bad.add(new Batch.Rejection(csv.name() + ":" + row.line(), reason, row.raw()));
        }
        rowsRead += read;
        fragments += good.size();
        expired += dropped;
        rejections += bad.size();
        return read == 0 ? null : new Batch(good, bad, read, dropped);
    }

    /** Why a row cannot even be mapped, or null. */
    private String check(CsvRows.Row row) {
        if (row instanceof CsvRows.Broken broken) {
            return broken.reason();
        }
        List<String> values = ((CsvRows.Parsed) row).values();
        CsvHeader header = csv.header();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).indexOf(REPLACEMENT) >= 0) {
                String column = i < header.size() ? " in column '" + header.names().get(i) + "'" : "";
                return "invalid " + charset.name() + " byte sequence" + column;
            }
        }
        if (values.size() != header.size()) {
            return "wrong column count: expected " + header.size() + ", found " + values.size();
        }
        return null;
    }

    /** Totals so far: {@code <rows> rows, <fragments> fragments, <rejections> rejected}. */
    public String summary() {
        return rowsRead + " rows, " + fragments + " fragments, " + rejections + " rejected";
    }

    /** Totals so far, with expired rows: {@code <rows> rows, <fragments> fragments, <expired> expired, <rejections> rejected}. */
    protected final String summaryWithExpired() {
        return rowsRead + " rows, " + fragments + " fragments, " + expired + " expired, " + rejections + " rejected";
    }

    @Override
    public void close() {
        try {
            csv.rows().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

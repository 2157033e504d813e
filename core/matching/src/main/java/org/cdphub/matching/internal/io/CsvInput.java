package org.cdphub.matching.internal.io;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.internal.compare.DateParser;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * Reads a CSV with a header into prepared records: values trimmed, mapped columns onto canonical fields, unmapped
 * columns ignored. Rows with the wrong number of columns, an empty id or an unparsable birth date are reported on
 * the error stream with their line number and counted; the other rows are kept. Rows are normalised in parallel in
 * batches; repeated values (names, streets, cities) are shared to keep the heap small.
 */
public final class CsvInput {
    private static final int BATCH = 20_000;
    private static final int MAX_REPORTED = 1000;

    private final ColumnMapping mapping;
    private final PrintStream err;
    private final long progressEvery;
    private final Map<String, String> interned = new ConcurrentHashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Prepared> records = new ArrayList<>();
    private long rows;
    private long badRows;
    private long offCalendar;
    private final long started = System.nanoTime();

    /** What was read. */
    public record Result(String[] ids, Prepared[] records, long rows, long badRows, long offCalendarDates) {
    }

    private CsvInput(ColumnMapping mapping, PrintStream err, long progressEvery) {
        this.mapping = mapping;
        this.err = err;
        this.progressEvery = progressEvery;
    }

    /**
     * Reads the file. {@code mappingSpec} maps column names to canonical field names; null or empty maps every column
     * whose name is a canonical field name (ignoring case, '_' and '-').
     */
    public static Result read(Path file, char delimiter, String idColumn, Map<String, String> mappingSpec,
                              PrintStream err, long progressEvery) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new IOException(file + " is empty: a header row is required");
            }
            ColumnMapping mapping = ColumnMapping.of(it.next(), idColumn, mappingSpec);
            CsvInput input = new CsvInput(mapping, err, progressEvery);
            err.println("columns: " + mapping.describe());
            input.readRows(it);
            return new Result(input.ids.toArray(String[]::new), input.records.toArray(Prepared[]::new), input.rows,
                    input.badRows, input.offCalendar);
        }
    }

    /** Parses the next batch while the previous one is normalised on the other core(s); one batch in flight. */
    private void readRows(Iterator<CSVRecord> it) {
        java.util.concurrent.CompletableFuture<Object[]> inFlight = null;
        List<CSVRecord> inFlightBatch = null;
        List<CSVRecord> batch = new ArrayList<>(BATCH);
        while (it.hasNext()) {
            batch.add(it.next());
            if (batch.size() == BATCH || !it.hasNext()) {
                if (inFlight != null) {
                    collect(inFlightBatch, inFlight.join());
                }
                List<CSVRecord> full = batch;
                inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> prepareAll(full));
                inFlightBatch = full;
                batch = new ArrayList<>(BATCH);
            }
        }
        if (inFlight != null) {
            collect(inFlightBatch, inFlight.join());
        }
    }

    private Object[] prepareAll(List<CSVRecord> batch) {
        Object[] out = new Object[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> out[i] = prepare(batch.get(i)));
        return out;
    }

    private void collect(List<CSVRecord> batch, Object[] out) {
        for (int i = 0; i < out.length; i++) {
            rows++;
            if (out[i] instanceof Prepared p) {
                ids.add(batch.get(i).get(mapping.idIndex()));
                records.add(p);
                if (p.birth() != 0 && !DateParser.onCalendar(p.birth())) {
                    offCalendar++;
                }
            } else {
                badRows++;
                if (badRows <= MAX_REPORTED) {
                    err.println("line " + batch.get(i).getRecordNumber() + ": " + out[i]);
                } else if (badRows == MAX_REPORTED + 1) {
                    err.println("more bad rows: counted, not printed");
                }
            }
            if (progressEvery > 0 && rows % progressEvery == 0) {
                double secs = (System.nanoTime() - started) / 1e9;
                err.printf("read %,d records (%,.0f records/s)%n", rows, rows / Math.max(secs, 1e-9));
            }
        }
    }

    /** A prepared record, or the reason the row is bad. */
    private Object prepare(CSVRecord row) {
        if (row.size() != mapping.columnCount()) {
            return "expected " + mapping.columnCount() + " columns, found " + row.size();
        }
        if (row.get(mapping.idIndex()).isEmpty()) {
            return "empty id in column '" + mapping.idColumn() + "'";
        }
        try {
            return Prepared.of(f -> mapping.value(row, f), this::intern);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private String intern(Field field, String value) {
        return switch (field) {
            case EMAIL, PHONE, NATIONAL_ID -> value; // nearly unique: sharing would cost more than it saves
            default -> value.length() > 40 ? value : interned.computeIfAbsent(value, v -> v);
        };
    }
}

package org.cdphub.connector.dmp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens files of one kind: decodes them (malformed bytes become U+FFFD, so the rows holding them can be rejected one
 * by one), skips a byte order mark, reads and checks the header, and hands out the batches.
 */
final class DmpFileReader {

    private final RowMapper mapper;
    private final char delimiter;
    private final Charset charset;
    private final int batchSize;

    DmpFileReader(RowMapper mapper, char delimiter, Charset charset, int batchSize) {
        this.mapper = mapper;
        this.delimiter = delimiter;
        this.charset = charset;
        this.batchSize = batchSize;
    }

    /**
     * Opens a file; its last-modified time is the observedAt of its rows (unless a row says when it was synced).
     *
     * @param readAt rows whose data expires by then are dropped
     * @throws CsvFileException when the header is missing or lacks a required column
     */
    DmpBatches open(Path file, Instant readAt) throws IOException {
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        InputStream in = Files.newInputStream(file);
        try {
            Reader decoded = new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
            return open(decoded, file.getFileName().toString(), modified, readAt);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens decoded text; closes {@code text} when the header is unusable or the last batch has been taken. */
    DmpBatches open(Reader text, String fileName, Instant modified, Instant readAt) throws IOException {
        CsvRows rows = new CsvRows(skipByteOrderMark(text), delimiter);
        try {
            CsvRows.Row first = rows.next();
            if (first == null) {
                throw new CsvFileException(fileName + " is empty: expected a header line with the column names");
            }
            if (first instanceof CsvRows.Broken broken) {
                throw new CsvFileException(fileName + ": header line " + broken.line() + " is not valid CSV: "
                        + broken.reason());
            }
            CsvHeader header = CsvHeader.of(((CsvRows.Parsed) first).values());
            check(header, fileName, first.line());
            return new DmpBatches(rows, header, mapper, fileName, modified, readAt, charset, batchSize);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private void check(CsvHeader header, String fileName, long line) {
        List<String> read = new ArrayList<>(mapper.requiredColumns());
        read.addAll(mapper.optionalColumns());
        Set<String> seen = new HashSet<>();
        for (String name : header.names()) {
            if (!seen.add(name) && read.contains(name)) {
                throw new CsvFileException(fileName + ": the header has column '" + name
                        + "' twice, so it is ambiguous");
            }
        }
        List<String> missing = mapper.requiredColumns().stream().filter(c -> !header.has(c)).toList();
        if (!missing.isEmpty()) {
            throw new CsvFileException(fileName + ": the header (line " + line + ") lacks "
                    + missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + "; its columns are: " + String.join(", ", header.names()));
        }
    }

    private static Reader skipByteOrderMark(Reader text) throws IOException {
        PushbackReader reader = new PushbackReader(text, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}

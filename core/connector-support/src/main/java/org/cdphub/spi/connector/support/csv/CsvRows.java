package org.cdphub.spi.connector.support.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of one CSV text, streamed by commons-csv, each with the physical line it starts on and its raw text. The
 * first record is the header. Fully blank lines are skipped. A syntax error that stops the parser (an unterminated
 * quote, text after a closing quote) becomes one last {@link Broken} row; an I/O error is thrown.
 */
public final class CsvRows implements Closeable {

    /** A row as parsed. */
    public sealed interface Row {
        long line();

        String raw();
    }

    public record Parsed(List<String> values, long line, String raw) implements Row {
    }

    /** Where the parser gave up; nothing after it is read. */
    public record Broken(String reason, long line, String raw) implements Row {
    }

    /** commons-csv starts some messages with "(line 7) " or "(startline 7) "; the row's location says that. */
    private static final Pattern LINE_PREFIX = Pattern.compile("^\\((start)?line [0-9,]+\\) ");

    private final RecordingReader text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    /** Physical line of the last line taken so far. */
    private long lastLine;
    private boolean done;

    public CsvRows(Reader reader, char delimiter) throws IOException {
        this.text = new RecordingReader(reader);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        this.parser = format.parse(text);
        this.records = parser.iterator();
    }

    /**
     * The next row that is not fully blank, or null at the end.
     *
     * @throws UncheckedIOException when the text cannot be read
     */
    public Row next() {
        while (!done) {
            long start = lastLine + 1;
            long from = text.position();
            CSVRecord record;
            try {
                record = records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException)) {
                    throw e;
                }
                done = true;
                String message = LINE_PREFIX.matcher(String.valueOf(e.getCause().getMessage())).replaceFirst("");
                return new Broken("CSV syntax error, rest of file not read: " + message, start, text.line(from));
            }
            if (record == null) {
                done = true;
                return null;
            }
            long end = Math.max(start, parser.getCurrentLineNumber());
            String raw = text.take(record.getCharacterPosition(), end - start + 1);
            lastLine = end;
            if (record.size() == 1 && raw.isBlank()) {
                continue;
            }
            return new Parsed(record.toList(), start, raw);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        done = true;
        parser.close();
    }
}

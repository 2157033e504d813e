package org.cdphub.spi.connector.support.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV file opened for reading: its name (without folder), its checked header, and the rows after the header.
 *
 * @param name   the file name, used in messages and row locations
 * @param rows   the rows after the header; close them when done
 * @param header the header, trimmed
 */
public record CsvFile(String name, CsvRows rows, CsvHeader header) {

    /** What to do with the decoded text of a file. */
    @FunctionalInterface
    public interface TextReader<T> {
        T read(Reader text) throws IOException;
    }

    /**
     * Decodes {@code file} with {@code charset} (malformed bytes become U+FFFD, so the rows holding them can be
     * rejected one by one) and hands the text to {@code reader}; closes the file when {@code reader} fails.
     */
    public static <T> T decode(Path file, Charset charset, TextReader<T> reader) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return reader.read(new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens decoded text: skips a byte order mark, reads the header and checks it against {@code rule}; closes
     * {@code text} when the header is unusable.
     *
     * @throws CsvFileException when the text is empty, the header is not valid CSV or {@code rule} refuses it
     */
    public static CsvFile open(Reader text, String name, char delimiter, HeaderRule rule) throws IOException {
        CsvRows rows = new CsvRows(skipByteOrderMark(text), delimiter);
        try {
            CsvRows.Row first = rows.next();
            if (first == null) {
                throw new CsvFileException(name + " is empty: expected a header line with the column names");
            }
            if (first instanceof CsvRows.Broken broken) {
                throw new CsvFileException(name + ": header line " + broken.line() + " is not valid CSV: "
                        + broken.reason());
            }
            CsvHeader header = CsvHeader.of(((CsvRows.Parsed) first).values());
            rule.check(header, name, first.line());
            return new CsvFile(name, rows, header);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
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

package org.cdphub.spi.connector.support.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {

    private static final HeaderRule MAPPING = new HeaderRule(List.of("Id"), Set.of("Id", "Email"), "the mapping");
    private static final HeaderRule PLAIN = new HeaderRule(List.of("id"), Set.of("id", "segments"), null);

    @Test
    void skipsAByteOrderMarkAndTrimsTheHeader() throws IOException {
        CsvFile csv = CsvFile.open(new StringReader("\uFEFF Id , Email\n1,a@example.com\n"), "c.csv", ',', MAPPING);

        assertThat(csv.header().names()).containsExactly("Id", "Email");
        assertThat(csv.rows().next()).isEqualTo(new CsvRows.Parsed(List.of("1", "a@example.com"), 2, "1,a@example.com"));
        assertThat(csv.rows().next()).isNull();
    }

    @Test
    void refusesEmptyTextAndABrokenHeader() {
        assertThatThrownBy(() -> CsvFile.open(new StringReader(""), "c.csv", ',', MAPPING))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("c.csv is empty: expected a header line with the column names");
        assertThatThrownBy(() -> CsvFile.open(new StringReader("Id,\"Email\n"), "c.csv", ',', MAPPING))
                .isInstanceOf(CsvFileException.class).hasMessageStartingWith("c.csv: header line 1 is not valid CSV: ");
    }

    @Test
    void namesMissingAndAmbiguousColumnsInTheWordsOfTheRule() {
        assertThatThrownBy(() -> CsvFile.open(new StringReader("Email\n"), "c.csv", ',', MAPPING))
                .hasMessage("c.csv: the header (line 1) lacks 'Id' named in the mapping; its columns are: Email");
        assertThatThrownBy(() -> CsvFile.open(new StringReader("Id,Email,Email\n"), "c.csv", ',', MAPPING))
                .hasMessage("c.csv: the header has column 'Email' twice, so the mapping is ambiguous");
        assertThatThrownBy(() -> CsvFile.open(new StringReader("segments\n"), "a.csv", ',', PLAIN))
                .hasMessage("a.csv: the header (line 1) lacks 'id'; its columns are: segments");
        assertThatThrownBy(() -> CsvFile.open(new StringReader("id,id\n"), "a.csv", ',', PLAIN))
                .hasMessage("a.csv: the header has column 'id' twice, so it is ambiguous");
    }

    @Test
    void aColumnThatIsNotReadMayStandTwice() throws IOException {
        CsvFile csv = CsvFile.open(new StringReader("Id,Notes,Notes\n"), "c.csv", ',', MAPPING);

        assertThat(csv.header().value(List.of("7", "x", "y"), "Id")).isEqualTo("7");
    }

    @Test
    void decodesAFileWithItsCharsetAndMarksMalformedBytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.csv");
        Files.write(file, new byte[] {'I', 'd', '\n', 'R', 'e', 'n', (byte) 0xE9, '\n'});

        String latin = CsvFile.decode(file, StandardCharsets.ISO_8859_1, CsvFileTest::readAll);
        String utf8 = CsvFile.decode(file, StandardCharsets.UTF_8, CsvFileTest::readAll);

        assertThat(latin).isEqualTo("Id\nRené\n");
        assertThat(utf8).isEqualTo("Id\nRen\uFFFD\n");
    }

    private static String readAll(java.io.Reader text) throws IOException {
        try (text) {
            java.io.StringWriter out = new java.io.StringWriter();
            text.transferTo(out);
            return out.toString();
        }
    }
}

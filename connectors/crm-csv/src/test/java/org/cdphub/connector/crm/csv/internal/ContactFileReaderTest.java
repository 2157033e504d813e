package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.spi.connector.support.csv.Batch;
import org.cdphub.spi.connector.support.csv.CsvFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactFileReaderTest {

    private static final Instant MODIFIED = Instant.parse("2024-06-01T00:00:00Z");
    private static final String SIMPLE = "Id=recordId, Email=email, Name=trait.name";

    @TempDir
    Path dir;

    @Test
    void readsTheSalesforceFixture() throws IOException {
        List<Batch> batches = readAll(Presets.reader("crm-salesforce", Presets.SALESFORCE, 500)
                .open(Presets.FIXTURES.resolve("salesforce-contacts.csv")));

        assertThat(batches).hasSize(1);
        List<Fragment> fragments = batches.get(0).fragments();
        assertThat(batches.get(0).rejections()).isEmpty();
        assertThat(fragments).extracting(Fragment::sourceRecordId).containsExactly("0035g00000Xk1AAAAZ",
                "0035g00000Xk1ABAAZ", "0035g00000Xk1ACAAZ", "0035g00000Xk1ADAAZ", "0035g00000Xk1AEAAZ",
                "0035g00000Xk1AFAAZ");
        assertThat(fragments).extracting(f -> f.provenance().get("line")).containsExactly("2", "3", "4", "5", "6", "7");
        assertThat(fragments.get(0).identifiers()).contains(new Identifier("email", "ann.devries@example.com"),
                new Identifier("phone", "+31612345678"));
        assertThat(fragments.get(1).traits()).containsEntry("firstName", "Jürgen").containsEntry("lastName", "Müller");
        assertThat(fragments.get(2).traits()).containsEntry("lastName", "O'Brien");
        assertThat(fragments.get(5).traits()).containsEntry("lastName", "Bakker, van");
        assertThat(fragments.get(5).identifiers()).contains(new Identifier("email", "sanne.bakker@example.com"),
                new Identifier("phone", "+31623456789"));
        assertThat(fragments.get(4).consents()).isEmpty();
        assertThat(batches.get(0).rowsRead()).isEqualTo(6);
    }

    @Test
    void readsTheHubSpotFixture() throws IOException {
        List<Batch> batches = readAll(Presets.reader("crm-hubspot", Presets.HUBSPOT, 500)
                .open(Presets.FIXTURES.resolve("hubspot-contacts.csv")));

        List<Fragment> fragments = batches.get(0).fragments();
        assertThat(batches.get(0).rejections()).isEmpty();
        assertThat(fragments).hasSize(5);
        assertThat(fragments.get(0).identifiers()).containsExactly(new Identifier("crmId", "crm-hubspot:51234567801"),
                new Identifier("email", "ann.devries@example.com"), new Identifier("phone", "+31612345678"));
        assertThat(fragments.get(2).traits()).containsEntry("firstName", "Chloé");
        assertThat(fragments.get(4).identifiers()).contains(new Identifier("phone", "+442079460018"));
        assertThat(fragments).extracting(f -> f.provenance().get("file")).containsOnly("hubspot-contacts.csv");
    }

    @Test
    void everyBadRowIsRejectedAtItsLineAndTheGoodRowsAroundItAreKept() throws IOException {
        List<Batch> batches = readAll(Presets.reader("crm-salesforce", Presets.SALESFORCE, 500)
                .open(Presets.FIXTURES.resolve("bad-contacts.csv")));
        assertThat(batches).hasSize(1);
        Batch batch = batches.get(0);

        assertThat(batch.fragments()).extracting(Fragment::sourceRecordId, f -> f.provenance().get("line"))
                .containsExactly(tuple("0035g00000GOOD01AAA", "2"), tuple("0035g00000GOOD02AAA", "4"),
                        tuple("0035g00000GOOD03AAA", "6"), tuple("0035g00000GOOD04AAA", "10"),
                        tuple("0035g00000GOOD05AAA", "15"));
        assertThat(batch.fragments().get(4).traits()).containsEntry("lastName", "Vries, de");
        assertThat(batch.rejections()).extracting(Batch.Rejection::location, Batch.Rejection::reason).containsExactly(
                tuple("bad-contacts.csv:3", "wrong column count: expected 8, found 7"),
                tuple("bad-contacts.csv:5", "invalid UTF-8 byte sequence in column 'LastName'"),
                tuple("bad-contacts.csv:7", "column 'Email': invalid email 'jan.visser.at.example.com'"),
                tuple("bad-contacts.csv:9", "column 'MobilePhone': invalid phone number '12345' (default region NL)"),
                tuple("bad-contacts.csv:11", "missing recordId: column 'Id' is empty"),
                tuple("bad-contacts.csv:12", "missing recordId: column 'Id' is empty"),
                tuple("bad-contacts.csv:13", "column 'HasOptedOutOfEmail': invalid consent value 'maybe' (expected "
                        + "true/false, yes/no, 1/0, opt-in/opt-out, granted/denied, or empty)"),
                tuple("bad-contacts.csv:14", "column 'LastModifiedDate': invalid date '2024-13-45' (expected an "
                        + "ISO-8601 instant or date-time such as 2024-05-01T10:15:00Z, or yyyy-MM-dd)"),
                tuple("bad-contacts.csv:16", "wrong column count: expected 8, found 9"),
                tuple("bad-contacts.csv:18", "CSV syntax error, rest of file not read: "
                        + "EOF reached before encapsulated token finished"));
        assertThat(batch.rejections().get(0).raw()).isEqualTo("\"0035g00000BAD001AAA\",\"Piet\",\"Jansen\","
                + "\"piet.jansen@example.com\",\"+31611111102\",\"NL\",\"false\"");
        assertThat(batch.rejections().get(1).raw()).contains("\"M\uFFFDller\"");
        assertThat(batch.rejections().get(5).raw()).isEqualTo(",,,,,,,");
        assertThat(batch.rejections().get(9).raw()).startsWith("0035g00000BAD010AAA,Eva,\"de Bruijn,");
        // blank lines 8 and 17 are skipped and not counted; line 19 is swallowed by the open quote on line 18
        assertThat(batch.rowsRead()).isEqualTo(15);
    }

    @Test
    void batchesHoldUpToBatchSizeFragmentsWithTheRejectionsOfTheirRows() throws IOException {
        String csv = "Id,Email,Name\n1,a@example.com,A\n2,bad,B\n3,c@example.com,C\n4,d@example.com,D\n"
                + "5,e@example.com,E\n";
        List<Batch> batches = readAll(open(csv, 2));

        assertThat(batches).extracting(b -> b.fragments().size(), b -> b.rejections().size(), Batch::rowsRead)
                .containsExactly(tuple(2, 1, 3), tuple(2, 0, 2));
        assertThat(batches.get(0).rejections().get(0).location()).isEqualTo("contacts.csv:3");
    }

    @Test
    void aBatchAlsoClosesAtBatchSizeRejections() throws IOException {
        List<Batch> batches = readAll(open("Id,Email,Name\n1,x,A\n2,y,B\n3,z,C\n", 2));

        assertThat(batches).extracting(b -> b.fragments().size(), b -> b.rejections().size())
                .containsExactly(tuple(0, 2), tuple(0, 1));
    }

    @Test
    void linesArePhysicalAcrossQuotedLineBreaksBlankLinesAndCrlf() throws IOException {
        String csv = "Id,Email,Name\r\n"
                + "1,a@example.com,\"two\r\nlines\"\r\n"
                + "\r\n"
                + "2,b@example.com,B\r\n"
                + "3,c@example.com,\"three\nlines\nhere\"\n"
                + "4,bad,D\r"
                + "5,e@example.com,E";
        List<Batch> batches = readAll(open(csv, 500));

        assertThat(batches.get(0).fragments()).extracting(f -> f.provenance().get("line"), f -> f.traits().get("name"))
                .containsExactly(tuple("2", "two\r\nlines"), tuple("5", "B"), tuple("6", "three\nlines\nhere"),
                        tuple("10", "E"));
        assertThat(batches.get(0).rejections()).extracting(Batch.Rejection::location, Batch.Rejection::raw)
                .containsExactly(tuple("contacts.csv:9", "4,bad,D"));
    }

    @Test
    void rawTextOfAMultiLineRowIsKept() throws IOException {
        List<Batch> batches = readAll(open("Id,Email,Name\n1,bad,\"a\nb\"\n2,b@example.com,B\n", 500));

        assertThat(batches.get(0).rejections()).extracting(Batch.Rejection::location, Batch.Rejection::raw)
                .containsExactly(tuple("contacts.csv:2", "1,bad,\"a\nb\""));
        assertThat(batches.get(0).fragments().get(0).provenance()).containsEntry("line", "4");
    }

    @Test
    void textAfterAClosingQuoteStopsTheParserAndKeepsWhatWasRead() throws IOException {
        List<Batch> batches = readAll(open("Id,Email,Name\n1,a@example.com,A\n2,b@example.com,\"B\"x\n"
                + "3,c@example.com,C\n", 500));

        assertThat(batches.get(0).fragments()).extracting(Fragment::sourceRecordId).containsExactly("1");
        assertThat(batches.get(0).rejections()).singleElement().satisfies(r -> {
            assertThat(r.location()).isEqualTo("contacts.csv:3");
            assertThat(r.reason()).startsWith("CSV syntax error, rest of file not read: Invalid character between "
                    + "encapsulated token and delimiter");
            assertThat(r.raw()).isEqualTo("2,b@example.com,\"B\"x");
        });
    }

    @Test
    void theFileIsStreamedNotLoaded() throws IOException {
        ContactBatches batches = open(new EndlessRows(), 3);

        Batch first = batches.next();
        assertThat(first.fragments()).extracting(Fragment::sourceRecordId).containsExactly("1", "2", "3");
        assertThat(batches.next().fragments()).extracting(Fragment::sourceRecordId).containsExactly("4", "5", "6");
        batches.close();
    }

    @Test
    void anEmptyFileFailsAsAWhole() {
        assertThatThrownBy(() -> open("", 500)).isInstanceOf(CsvFileException.class)
                .hasMessage("contacts.csv is empty: expected a header line with the column names");
    }

    @Test
    void aHeaderWithoutAMappedColumnFailsAsAWhole() {
        assertThatThrownBy(() -> open("Id,E-mail\n1,a@example.com\n", 500)).isInstanceOf(CsvFileException.class)
                .hasMessage("contacts.csv: the header (line 1) lacks 'Email', 'Name' named in the mapping; "
                        + "its columns are: Id, E-mail");
    }

    @Test
    void aMissingObservedAtColumnIsAllowed() throws IOException {
        ContactFileReader reader = Presets.reader("crm-x", SIMPLE + ", Updated=observedAt", 500);
        List<Batch> batches = readAll(reader.open(new StringReader("Id,Email,Name\n1,a@example.com,A\n"),
                "contacts.csv", MODIFIED));
        assertThat(batches.get(0).fragments().get(0).observedAt()).isEqualTo(MODIFIED);
    }

    @Test
    void aMappedColumnTwiceInTheHeaderFailsAsAWhole() {
        assertThatThrownBy(() -> open("Id,Email,Name,Email\n", 500))
                .hasMessage("contacts.csv: the header has column 'Email' twice, so the mapping is ambiguous");
    }

    @Test
    void aHeaderThatIsNotCsvFailsAsAWhole() {
        assertThatThrownBy(() -> open("Id,\"Email,Name\n1,a,b\n", 500)).isInstanceOf(CsvFileException.class)
                .hasMessageStartingWith("contacts.csv: header line 1 is not valid CSV: CSV syntax error");
    }

    @Test
    void aByteOrderMarkAndSurroundingSpacesInTheHeaderAreIgnored() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.writeString(file, "\uFEFFId , Email,Name\n1,a@example.com,A\n");

        List<Batch> batches = readAll(Presets.reader("crm-x", SIMPLE, 500).open(file));

        assertThat(batches.get(0).fragments()).hasSize(1);
        assertThat(batches.get(0).fragments().get(0).observedAt())
                .isEqualTo(Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void otherDelimitersAndCharsets() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "Id;Email;Name\n1;a@example.com;Ren\u00e9e\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ContactFileReader reader = new ContactFileReader(Presets.mapper("crm-x", SIMPLE), ';',
                java.nio.charset.StandardCharsets.ISO_8859_1, 500);

        assertThat(readAll(reader.open(file)).get(0).fragments().get(0).traits()).containsEntry("name", "Renée");
    }

    private ContactBatches open(String csv, int batchSize) throws IOException {
        return open(new StringReader(csv), batchSize);
    }

    private ContactBatches open(Reader csv, int batchSize) throws IOException {
        return Presets.reader("crm-x", SIMPLE, batchSize).open(csv, "contacts.csv", MODIFIED);
    }

    private static List<Batch> readAll(ContactBatches batches) {
        List<Batch> all = new ArrayList<>();
        batches.forEachRemaining(all::add);
        return all;
    }

    /** A header and then rows without end: only a streaming reader can take batches from it. */
    private static final class EndlessRows extends Reader {
        private final StringBuilder pending = new StringBuilder("Id,Email,Name\n");
        private long row;

        @Override
        public int read(char[] buffer, int offset, int length) {
            while (pending.length() < length) {
                row++;
                pending.append(row).append(",p").append(row).append("@example.com,P\n");
            }
            pending.getChars(0, length, buffer, offset);
            pending.delete(0, length);
            return length;
        }

        @Override
        public void close() {
        }
    }
}

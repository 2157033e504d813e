package org.cdphub.matching.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveCliTest {

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CdpHubCli.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void generateThenResolveEndToEnd(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("people.csv");
        Run gen = cli("generate", "--records", "3000", "--output", input.toString(), "--seed", "5");
        assertThat(gen.exit()).isZero();
        List<String> lines = Files.readAllLines(input);
        assertThat(lines).hasSize(3001);
        // two bad rows: a short row (line 3002) and an unparsable birth date (line 3003)
        Files.writeString(input, "p999999-crm-0,ann,short\n"
                + "p999998-crm-0,ann,lee,12/03/1980,,,,,,,,,,,,,crm\n", StandardOpenOption.APPEND);
        Path output = dir.resolve("clusters.csv");

        Run run = cli("resolve", "--input", input.toString(), "--id-column", "id", "--output", output.toString(),
                "--truth-regex", "^p(\\d+)-", "--progress-every", "1000");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> out = Files.readAllLines(output);
        assertThat(out.get(0)).isEqualTo("record_id,profile_id");
        assertThat(out).hasSize(3001);
        assertThat(out.get(1)).matches("p\\d+-(crm|shop|dmp)-\\d+,p1");
        assertThat(run.err()).contains("read 1,000 records", "read 3,000 records")
                .contains("line 3002: expected 17 columns, found 3")
                .contains("line 3003: unparsable date '12/03/1980'");
        assertThat(run.out()).contains("records: 3002 read, 2 bad rows").contains("precision").contains("F1");
        double f1 = Double.parseDouble(run.out().replaceAll("(?s).*F1 ([0-9.]+).*", "$1"));
        assertThat(f1).isGreaterThan(0.9);
    }

    @Test
    void mapsColumnsTrimsValuesAndIgnoresUnmappedOnes(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("febrl-like.csv");
        Files.writeString(input, String.join("\n",
                "rec_id, given_name, surname, date_of_birth, postcode, notes",
                "rec-1-org, kayla, harrington, 19150612, 3465, a",
                "rec-1-dup-0, kayla, harington, 19150612, 3465, b",
                "rec-2-org, lachlan, berry, 19990219, 4814, c",
                "rec-3-org, deakin, sondergeld, 19600210, 2776, d", ""));
        Path output = dir.resolve("out.csv");

        Run run = cli("resolve", "--input", input.toString(), "--id-column", "rec_id", "--output", output.toString(),
                "--map", "given_name=firstName,surname=lastName,date_of_birth=birthDate,postcode=postcode",
                "--truth-regex", "^rec-(\\d+)-");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllLines(output)).containsExactly("record_id,profile_id", "rec-1-org,p1",
                "rec-1-dup-0,p1", "rec-2-org,p2", "rec-3-org,p3");
        assertThat(run.err()).contains("ignored [notes]");
        assertThat(run.out()).contains("F1 1.0000");
    }

    @Test
    void unknownColumnIsAUsageError(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("x.csv");
        Files.writeString(input, "id,name\n1,ann\n");
        Run run = cli("resolve", "--input", input.toString(), "--id-column", "id", "--output",
                dir.resolve("o.csv").toString(), "--map", "surname=lastName");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("mapped column 'surname' is not in the header");
    }
}

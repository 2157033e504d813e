package org.cdphub.spi.connector.support.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;

class CsvBatchesTest {

    /** Maps column id to a fragment; "bad" is rejected, "old" has expired. */
    private static final class IdBatches extends CsvBatches {
        IdBatches(CsvFile csv, int batchSize) {
            super(csv, StandardCharsets.UTF_8, batchSize);
        }

        @Override
        protected MapResult map(CsvHeader header, List<String> values, long line) {
            String id = header.value(values, "id");
            return switch (id) {
                case "bad" -> new MapResult.Rejected("bad id on line " + line);
                case "old" -> new MapResult.Expired();
                default -> new MapResult.Mapped(new Fragment("test", file() + "-" + id, Instant.EPOCH,
                        List.of(new Identifier("customerId", id)), null, null, null, null));
            };
        }
    }

    @Test
    void rejectsBrokenRowsAndCountsExpiredOnesAroundTheGoodOnes() throws IOException {
        IdBatches batches = open("id,name\n1,A\nbad,B\nold,C\n2\n3,Ren\uFFFD\n\n4,D\n5,\"E\"x\n", 100);
        Batch batch = batches.next();

        assertThat(batch.fragments()).extracting(Fragment::sourceRecordId).containsExactly("f.csv-1", "f.csv-4");
        assertThat(batch.rejections()).extracting(Batch.Rejection::location, Batch.Rejection::reason,
                Batch.Rejection::raw).containsExactly(
                tuple("f.csv:3", "bad id on line 3", "bad,B"),
                tuple("f.csv:5", "wrong column count: expected 2, found 1", "2"),
                tuple("f.csv:6", "invalid UTF-8 byte sequence in column 'name'",
                        "3,Ren\uFFFD"),
                tuple("f.csv:9", batch.rejections().get(3).reason(), "5,\"E\"x"));
        assertThat(batch.rejections().get(3).reason()).startsWith("CSV syntax error, rest of file not read: ")
                .doesNotContain("(line");
        assertThat(batch.rowsRead()).isEqualTo(7);
        assertThat(batch.expired()).isEqualTo(1);
        assertThat(batches.hasNext()).isFalse();
        assertThat(batches.summary()).isEqualTo("7 rows, 2 fragments, 4 rejected");
    }

    @Test
    void aBatchClosesAtBatchSizeFragmentsOrRejections() throws IOException {
        List<Batch> all = new ArrayList<>();
        open("id\n1\n2\n3\nbad\nbad\nbad\n", 2).forEachRemaining(all::add);

        assertThat(all).extracting(b -> b.fragments().size(), b -> b.rejections().size(), Batch::rowsRead)
                .containsExactly(tuple(2, 0, 2),
                        tuple(1, 2, 3),
                        tuple(0, 1, 1));
    }

    private static IdBatches open(String csv, int batchSize) throws IOException {
        return new IdBatches(CsvFile.open(new StringReader(csv), "f.csv", ',',
                new HeaderRule(List.of("id"), Set.of("id"), null)), batchSize);
    }
}

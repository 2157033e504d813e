package org.cdphub.connector.dmp.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.spi.connector.support.csv.Batch;

/** Reads a fixture through a {@link DmpFileReader}, with fixed file time and read time. */
final class MapperFixtures {

    /** The fixtures' last-modified time in these tests. */
    static final Instant MODIFIED = Instant.parse("2026-11-29T06:00:00Z");
    /** When they are read. */
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private MapperFixtures() {
    }

    static List<Batch> read(RowMapper mapper, String fixture) throws IOException {
        DmpFileReader reader = new DmpFileReader(mapper, ',', StandardCharsets.UTF_8, 100);
        List<Batch> batches = new ArrayList<>();
        try (DmpBatches b = reader.open(Files.newBufferedReader(Configs.FIXTURES.resolve(fixture)), fixture,
                MODIFIED, NOW)) {
            b.forEachRemaining(batches::add);
        }
        return batches;
    }
}

package org.cdphub.connector.dmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.connector.dmp.internal.MapperFixtures.MODIFIED;
import static org.cdphub.connector.dmp.internal.MapperFixtures.NOW;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.spi.connector.support.csv.Batch;
import org.junit.jupiter.api.Test;

class SyncMapperTest {

    private static final SyncMapper MAPPER = new SyncMapper("dmp-acme", "acme", "web", Duration.ofDays(90),
            new DmpSettings.SyncColumns("dmp_id", "partner_uid", "synced_at"));

    @Test
    void aSyncLinksTheCookieWithTheScopedAnonymousIdAndExpiresTtlAfterTheSync() throws Exception {
        List<Batch> batches = MapperFixtures.read(MAPPER, "sync-acme.csv");

        Instant synced = Instant.parse("2026-11-28T21:04:11Z");
        assertThat(batches.get(0).fragments()).containsExactly(new Fragment("dmp-acme",
                "sync/9f2c1e7a0b4d4e21/ajs-5f1c9a20-7b1e-4c41-9a55-3f2d1c0b9e8a", synced,
                List.of(new Identifier(IdentifierTypes.COOKIE_ID, "acme:9f2c1e7a0b4d4e21"),
                        new Identifier(IdentifierTypes.ANONYMOUS_ID, "web:ajs-5f1c9a20-7b1e-4c41-9a55-3f2d1c0b9e8a")),
                Map.of(), List.of(), List.of(), Map.of("file", "sync-acme.csv", "line", "2"),
                synced.plus(Duration.ofDays(90))));
        // line 3 was synced on 2026-01-01: more than 90 days before the file was read, so dropped and counted
        assertThat(batches.get(0).expired()).isEqualTo(1);
        assertThat(batches.get(0).rejections()).isEmpty();
    }

    @Test
    void badSyncRowsAreRejectedAndAMissingTimeMeansTheFileTime() throws Exception {
        String csv = "dmp_id,partner_uid,synced_at\n"
                + "a1,,2026-11-28\n"
                + "a2,p2,yesterday\n"
                + "a3,p3,2027-06-01T00:00:00Z\n"
                + "a4,p4,\n";
        DmpFileReader reader = new DmpFileReader(MAPPER, ',', StandardCharsets.UTF_8, 10);

        try (DmpBatches b = reader.open(new StringReader(csv), "sync.csv", MODIFIED, NOW)) {
            Batch batch = b.next();
            assertThat(batch.rejections()).extracting(Batch.Rejection::location, Batch.Rejection::reason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("sync.csv:2", "missing id: column 'partner_uid' is empty"),
                            org.assertj.core.groups.Tuple.tuple("sync.csv:3", "column 'synced_at': invalid date "
                                    + "'yesterday' (expected an ISO-8601 instant such as 2026-05-01T10:15:00Z, or "
                                    + "yyyy-MM-dd)"),
                            org.assertj.core.groups.Tuple.tuple("sync.csv:4",
                                    "column 'synced_at': '2027-06-01T00:00:00Z' is in the future"));
            assertThat(batch.fragments()).singleElement().satisfies(f -> {
                assertThat(f.sourceRecordId()).isEqualTo("sync/a4/p4");
                assertThat(f.observedAt()).isEqualTo(MODIFIED);
                assertThat(f.expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(90)));
            });
        }
    }
}

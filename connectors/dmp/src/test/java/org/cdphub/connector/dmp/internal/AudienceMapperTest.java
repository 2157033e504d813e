package org.cdphub.connector.dmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.cdphub.spi.connector.support.csv.CsvFileException;
import org.junit.jupiter.api.Test;

class AudienceMapperTest {

    private static final DmpSettings.AudienceColumns COLUMNS =
            new DmpSettings.AudienceColumns("id", "id_type", "segments", "expires_at");

    private static AudienceMapper mapper(Duration ttl) {
        return new AudienceMapper("dmp-acme", "acme", ttl, COLUMNS);
    }

    @Test
    void rowsBecomeAnonymousFragmentsWithSortedAudiencesAndAnExpiry() throws Exception {
        List<Batch> batches = MapperFixtures.read(mapper(Duration.ofDays(90)), "audiences-acme.csv");

        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.rowsRead()).isEqualTo(4);
            assertThat(b.expired()).isEqualTo(1);
            assertThat(b.rejections()).isEmpty();
        });
        List<Fragment> fragments = batches.get(0).fragments();
        assertThat(fragments).hasSize(3);
        assertThat(fragments.get(0)).isEqualTo(new Fragment("dmp-acme", "audience/cookie/9f2c1e7a0b4d4e21", MODIFIED,
                List.of(new Identifier(IdentifierTypes.COOKIE_ID, "acme:9f2c1e7a0b4d4e21")),
                Map.of("dmpAudiences", List.of("1001", "1203", "88")), List.of(), List.of(),
                Map.of("file", "audiences-acme.csv", "line", "2"), MODIFIED.plus(Duration.ofDays(90))));
        // MAID: deviceId; duplicates and blanks around segment ids gone; the row's earlier expiry wins over the ttl
        Fragment maid = fragments.get(1);
        assertThat(maid.sourceRecordId()).isEqualTo("audience/maid/38400000-8cf0-11bd-b23e-10b96e40000d");
        assertThat(maid.identifiers()).containsExactly(
                new Identifier(IdentifierTypes.DEVICE_ID, "acme:38400000-8cf0-11bd-b23e-10b96e40000d"));
        assertThat(maid.traits()).containsEntry("dmpAudiences", List.of("1001", "77"));
        assertThat(maid.expiresAt()).isEqualTo(Instant.parse("2027-01-15T00:00:00Z"));
        // an expiry in 2029 is cut to observedAt + ttl
        assertThat(fragments.get(2).expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(90)));
        // line 5 expired on 2026-10-01, before the file was read: dropped, not dead-lettered
        assertThat(fragments).extracting(Fragment::sourceRecordId).doesNotContain("audience/cookie/5ca1ab1e0042");
    }

    @Test
    void aRowExpiryBeyondThirteenMonthsIsCappedAtThirteenMonths() throws Exception {
        List<Batch> batches = MapperFixtures.read(mapper(Duration.ofDays(395)), "audiences-acme.csv");

        Fragment far = batches.get(0).fragments().get(2);
        assertThat(far.sourceRecordId()).isEqualTo("audience/cookie/c0ffee00aa11");
        assertThat(far.expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(395)))
                .isBefore(Instant.parse("2029-01-01T00:00:00Z"));
    }

    @Test
    void anEmailColumnIsNeverRead() throws Exception {
        List<Batch> batches = MapperFixtures.read(mapper(Duration.ofDays(90)), "audiences-with-email.csv");

        Fragment fragment = batches.get(0).fragments().get(0);
        assertThat(fragment.identifiers()).containsExactly(new Identifier(IdentifierTypes.COOKIE_ID, "acme:c-1"));
        assertThat(fragment.traits()).containsOnlyKeys("dmpAudiences").containsEntry("dmpAudiences",
                List.of("10", "20"));
        assertThat(fragment.toString()).doesNotContain("ann@example.com", "5d41402abc4b2a76b9719d911017c592");
    }

    @Test
    void badRowsAreRejectedWithTheirReasonAndGoodRowsAroundThemAreTaken() throws Exception {
        List<Batch> batches = MapperFixtures.read(mapper(Duration.ofDays(90)), "audiences-bad.csv");

        Batch batch = batches.get(0);
        assertThat(batch.fragments()).extracting(Fragment::sourceRecordId)
                .containsExactly("audience/cookie/good-1", "audience/maid/good-2", "audience/cookie/good-3");
        assertThat(batch.fragments().get(2).traits()).containsEntry("dmpAudiences", List.of());
        assertThat(batch.rejections()).containsExactly(
                new Batch.Rejection("audiences-bad.csv:3", "missing id: column 'id' is empty", ",cookie,1,"),
                new Batch.Rejection("audiences-bad.csv:4",
                        "column 'id_type': unknown id type 'email' (expected cookie or maid)", "bad-2,email,1,"),
                new Batch.Rejection("audiences-bad.csv:5", "column 'expires_at': invalid date 'next tuesday' "
                        + "(expected an ISO-8601 instant such as 2026-05-01T10:15:00Z, or yyyy-MM-dd)",
                        "bad-3,cookie,1,next tuesday"),
                new Batch.Rejection("audiences-bad.csv:8", "wrong column count: expected 4, found 2", "bad-4,cookie"));
        assertThat(batch.rowsRead()).isEqualTo(7);
    }

    @Test
    void anEmptyIdTypeIsNamedAndSeveralProblemsAreAllReported() throws Exception {
        String csv = "id,id_type,segments,expires_at\n,,1,2026-13-40\n";
        DmpFileReader reader = new DmpFileReader(mapper(Duration.ofDays(90)), ',', StandardCharsets.UTF_8, 10);

        try (DmpBatches b = reader.open(new StringReader(csv), "a.csv", MODIFIED, NOW)) {
            assertThat(b.next().rejections()).singleElement().extracting(Batch.Rejection::reason).asString()
                    .isEqualTo("missing id: column 'id' is empty; column 'id_type': empty (expected cookie or maid); "
                            + "column 'expires_at': invalid date '2026-13-40' (expected an ISO-8601 instant such as "
                            + "2026-05-01T10:15:00Z, or yyyy-MM-dd)");
        }
    }

    @Test
    void aFileWithoutTheExpiryColumnIsTakenAndOneWithoutSegmentsIsNot() throws Exception {
        DmpFileReader reader = new DmpFileReader(mapper(Duration.ofDays(30)), ',', StandardCharsets.UTF_8, 10);
        try (DmpBatches b = reader.open(new StringReader("id_type,id,segments\nCookie,x1,9\n"), "a.csv", MODIFIED,
                NOW)) {
            assertThat(b.next().fragments()).singleElement()
                    .satisfies(f -> assertThat(f.expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(30))));
        }

        assertThatThrownBy(() -> reader.open(new StringReader("id,id_type\nx1,cookie\n"), "b.csv", MODIFIED, NOW))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("b.csv: the header (line 1) lacks 'segments'; its columns are: id, id_type");
    }
}

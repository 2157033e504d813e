package org.cdphub.connector.dmp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.IdentifierTypes;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmpRoutesTest extends CamelTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant MODIFIED = Instant.parse("2026-11-29T06:00:00Z");

    @TempDir
    Path temp;
    private Path inbox;
    private final TestConnectorContext hub = new TestConnectorContext("dmp-acme");

    @Override
    protected RoutesBuilder createRouteBuilder() {
        inbox = temp.resolve("dmp inbox"); // created by the consumer; a space in the path must not matter
        Map<String, String> keys = Configs.valid(inbox);
        keys.put("platform", "acme");
        keys.put("batch.size", "2");
        keys.put("poll.delay.ms", "100");
        DmpConnector connector = new DmpConnector(Configs.settings(keys), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(connector.info().type()).isEqualTo("dmp");
        return connector.routes(hub);
    }

    @Test
    void anAudienceFileBecomesCookieAndDeviceFragmentsWithExpiries() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(2);

        drop("audiences-acme.csv", "audiences-2026-11-29.csv");

        awaitFile(inbox.resolve(".done/audiences-2026-11-29.csv"));
        MockEndpoint.assertIsSatisfied(context);
        List<Fragment> all = fragments.getExchanges().stream().flatMap(e -> fragments(e).stream()).toList();
        assertThat(all).extracting(Fragment::sourceRecordId).containsExactly("audience/cookie/9f2c1e7a0b4d4e21",
                "audience/maid/38400000-8cf0-11bd-b23e-10b96e40000d", "audience/cookie/c0ffee00aa11");
        assertThat(all).flatExtracting(Fragment::identifiers).extracting(Identifier::type)
                .containsExactly(IdentifierTypes.COOKIE_ID, IdentifierTypes.DEVICE_ID, IdentifierTypes.COOKIE_ID);
        assertThat(all.get(0).identifiers()).containsExactly(
                new Identifier(IdentifierTypes.COOKIE_ID, "acme:9f2c1e7a0b4d4e21"));
        assertThat(all.get(0).traits()).containsEntry("dmpAudiences", List.of("1001", "1203", "88"));
        assertThat(all.get(0).observedAt()).isEqualTo(MODIFIED);
        assertThat(all.get(0).expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(90)));
        assertThat(all.get(1).expiresAt()).isEqualTo(Instant.parse("2027-01-15T00:00:00Z"));
        assertThat(all.get(2).expiresAt()).isEqualTo(MODIFIED.plus(Duration.ofDays(90)));
        assertThat(getMockEndpoint(TestConnectorContext.DEAD_LETTERS).getReceivedCounter()).isZero();
        assertThat(hub.recordsRead).hasValue(4); // the expired row is read and counted, not sent
        assertThat(hub.failures).isEmpty();
        assertThat(context.getRoute("connector.dmp-acme.inbox")).isNotNull();
    }

    @Test
    void aSyncFeedLinksTheCookieWithTheTrackingAnonymousId() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);

        drop("sync-acme.csv", "sync_20261129.csv");

        awaitFile(inbox.resolve(".done/sync_20261129.csv"));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(fragments(fragments.getExchanges().get(0))).singleElement().satisfies(f -> {
            assertThat(f.sourceRecordId()).isEqualTo("sync/9f2c1e7a0b4d4e21/ajs-5f1c9a20-7b1e-4c41-9a55-3f2d1c0b9e8a");
            assertThat(f.identifiers()).containsExactly(
                    new Identifier(IdentifierTypes.COOKIE_ID, "acme:9f2c1e7a0b4d4e21"),
                    new Identifier(IdentifierTypes.ANONYMOUS_ID, "web:ajs-5f1c9a20-7b1e-4c41-9a55-3f2d1c0b9e8a"));
            assertThat(f.expiresAt()).isEqualTo(Instant.parse("2026-11-28T21:04:11Z").plus(Duration.ofDays(90)));
        });
        assertThat(hub.recordsRead).hasValue(2);
    }

    @Test
    void badRowsBecomeDeadLettersWithFileAndLineAndGoodRowsStillArrive() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(3); // batch.size 2 closes a batch at 2 fragments or 2 rejections
        MockEndpoint dead = getMockEndpoint(TestConnectorContext.DEAD_LETTERS);
        dead.expectedMinimumMessageCount(1); // a message per batch with rejections: a list of dead letters

        drop("audiences-bad.csv", "audiences-bad.csv");

        awaitFile(inbox.resolve(".done/audiences-bad.csv"));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(fragments.getExchanges()).flatExtracting(DmpRoutesTest::fragments)
                .extracting(Fragment::sourceRecordId)
                .containsExactly("audience/cookie/good-1", "audience/maid/good-2", "audience/cookie/good-3");
        List<DeadLetter> letters = dead.getExchanges().stream()
                .flatMap(e -> ((List<?>) e.getMessage().getBody(List.class)).stream())
                .map(DeadLetter.class::cast).toList();
        assertThat(letters).extracting(DeadLetter::location).containsExactly("audiences-bad.csv:3",
                "audiences-bad.csv:4", "audiences-bad.csv:5", "audiences-bad.csv:8");
        assertThat(letters.get(1)).isEqualTo(new DeadLetter("connector.dmp-acme.map", "dmp-acme",
                "audiences-bad.csv:4", "column 'id_type': unknown id type 'email' (expected cookie or maid)",
                "bad-2,email,1,", NOW));
        assertThat(hub.recordsRead).hasValue(7);
    }

    @Test
    void anAudienceFileWithAnEmailColumnBringsNoEmailIdentifier() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);

        drop("audiences-with-email.csv", "audiences-with-email.csv");

        awaitFile(inbox.resolve(".done/audiences-with-email.csv"));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(fragments(fragments.getExchanges().get(0))).flatExtracting(Fragment::identifiers)
                .containsExactly(new Identifier(IdentifierTypes.COOKIE_ID, "acme:c-1"))
                .noneMatch(i -> i.type().equals(IdentifierTypes.EMAIL) || i.type().equals(IdentifierTypes.HASHED_EMAIL));
    }

    @Test
    void aFileLackingARequiredColumnMovesToFailedAndOtherFilesAreLeftAlone() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("contacts.csv"), "id,id_type,segments\nx,cookie,1\n");
        Files.writeString(inbox.resolve("sync-wrong.csv"), "cookie,uid\nx,y\n");

        awaitFile(inbox.resolve(".failed/sync-wrong.csv"));
        assertThat(hub.failures).containsExactly("sync-wrong.csv: the header (line 1) lacks "
                + "'dmp_id', 'partner_uid'; its columns are: cookie, uid");
        MockEndpoint.assertIsSatisfied(context);
        assertThat(inbox.resolve("contacts.csv")).exists();
        assertThat(inbox.resolve(".done/contacts.csv")).doesNotExist();
    }

    /** Copies a fixture into the inbox in one move, with the last-modified time {@link #MODIFIED}. */
    private void drop(String fixture, String name) throws Exception {
        Files.createDirectories(inbox);
        Path staged = Files.copy(Configs.FIXTURES.resolve(fixture), temp.resolve(name));
        Files.setLastModifiedTime(staged, FileTime.from(MODIFIED));
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @SuppressWarnings("unchecked")
    private static List<Fragment> fragments(Exchange exchange) {
        return (List<Fragment>) exchange.getMessage().getBody(List.class);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }
}

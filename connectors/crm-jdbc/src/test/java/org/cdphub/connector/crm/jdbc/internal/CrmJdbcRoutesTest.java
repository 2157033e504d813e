package org.cdphub.connector.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.cdphub.spi.connector.test.TestConnectorContext.InMemoryCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector's routes against a real PostgreSQL, one schema per test. */
class CrmJdbcRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String T0 = "2024-03-14 09:21:07.123456";

    private PgSchema db;
    private CrmJdbcConnector connector;
    private ConnectorRun run;

    @BeforeEach
    void createTables() {
        db = new PgSchema();
        db.execute("create table accounts (id bigint primary key, name text, industry text)",
                "create table contacts (id bigint primary key, account_id bigint references accounts (id), "
                        + "email text, mobile text, first_name text, last_name text, birth_date text, "
                        + "newsletter boolean, updated_at timestamp not null, deleted_at timestamptz, "
                        + "is_deleted boolean not null default false)",
                "insert into accounts values (1, 'Acme BV', 'Manufacturing'), (2, 'Globex', 'Retail')");
    }

    @AfterEach
    void dropSchema() {
        if (run != null) {
            run.close();
        }
        if (connector != null) {
            connector.close();
        }
        db.close();
    }

    @Test
    void readsContactsWithAccountTraitsThenOnlyTheRowsThatChanged() throws Exception {
        insert(1, "1", "'Ann.DeVries@Example.com '", "'06 12345678'", "'Ann'", "'de Vries'", "'1980-04-01'", "true",
                "'" + T0 + "'");
        insert(2, "2", "'lars@example.com'", "null", "'Lars'", "'Visser'", "null", "false",
                "'" + T0 + "'::timestamp + interval '1 second'");
        insert(3, "null", "'mia@example.com'", "null", "'Mia'", "null", "null", "null",
                "'" + T0 + "'::timestamp + interval '2 seconds'");

        run = start(Map.of(), new InMemoryCheckpoints());

        assertThat(run.batches()).containsExactly(List.of("1", "2", "3"));
        Fragment ann = run.fragments().get(0);
        assertThat(ann).isEqualTo(new Fragment("crm-erp", "1", Instant.parse("2024-03-14T09:21:07.123456Z"),
                List.of(new Identifier("crmId", "crm-erp:1"), new Identifier("email", "ann.devries@example.com"),
                        new Identifier("phone", "+31612345678")),
                Map.of("firstName", "Ann", "lastName", "de Vries", "birthDate", "1980-04-01", "company", "Acme BV",
                        "industry", "Manufacturing"),
                List.of(new Consent("marketing", "email", ConsentStatus.GRANTED,
                        Instant.parse("2024-03-14T09:21:07.123456Z"), "crm-erp")),
                List.of(), Map.of("table", "contacts", "key", "1")));
        assertThat(run.fragments().get(1).traits()).containsEntry("company", "Globex");
        assertThat(run.fragments().get(1).consents()).extracting(Consent::status)
                .containsExactly(ConsentStatus.DENIED);
        assertThat(run.fragments().get(2).traits()).containsOnly(Map.entry("firstName", "Mia"));
        assertThat(awaitCheckpoint(run.connector.checkpoints(), "\"key\":\"3\""))
                .contains("\"modified\":\"2024-03-14T09:21:09.123456\"");

        db.execute("update contacts set last_name = 'Visser-Bakker', updated_at = updated_at + interval '1 hour' "
                + "where id = 2");
        NotifyBuilder polls = run.polls(2);
        ConnectorRun.await(polls);

        assertThat(run.batches()).containsExactly(List.of("1", "2", "3"), List.of("2"));
        assertThat(run.fragments().get(3).traits()).containsEntry("lastName", "Visser-Bakker");
        assertThat(run.fragments().get(3).observedAt()).isEqualTo(Instant.parse("2024-03-14T10:21:08.123456Z"));
        assertThat(run.connector.recordsRead).hasValue(4);
        assertThat(run.connector.failures).isEmpty();
    }

    @Test
    void softDeletedRowsBecomeRemovals() throws Exception {
        insertPlain(1, 0);
        insertPlain(2, 1);
        insertPlain(3, 2);
        run = start(Map.of("deleted.column", "deleted_at"), new InMemoryCheckpoints());
        assertThat(run.batches()).containsExactly(List.of("1", "2", "3"));

        db.execute("update contacts set deleted_at = now(), updated_at = updated_at + interval '1 day' where id = 2");
        NotifyBuilder polls = run.polls(2);
        ConnectorRun.await(polls);

        assertThat(run.removals()).containsExactly(List.of("2"));
        assertThat(run.batches()).containsExactly(List.of("1", "2", "3"));
    }

    @Test
    void aBooleanSoftDeleteColumnWorksTooAndRowsDeletedBeforeTheFirstReadAreRemovals() throws Exception {
        insertPlain(1, 0);
        insertPlain(2, 1);
        db.execute("update contacts set is_deleted = true where id = 1");

        run = start(Map.of("deleted.column", "is_deleted"), new InMemoryCheckpoints());

        assertThat(run.batches()).containsExactly(List.of("2"));
        assertThat(run.removals()).containsExactly(List.of("1"));
    }

    @Test
    void aRestartResumesFromTheCheckpoint() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
        insertPlain(1, 0);
        insertPlain(2, 1);
        run = start(Map.of(), checkpoints);
        assertThat(run.batches()).containsExactly(List.of("1", "2"));
        awaitCheckpoint(checkpoints, "\"key\":\"2\"");
        run.close();
        connector.close();

        insertPlain(3, 5);
        run = start(Map.of(), checkpoints);

        assertThat(run.batches()).containsExactly(List.of("3"));
        awaitCheckpoint(checkpoints, "\"key\":\"3\"");
    }

    @Test
    void badRowsAreDeadLetteredAndTheOthersFlow() throws Exception {
        insertPlain(1, 0);
        insert(2, "null", "'jan.at.example.com'", "null", "'Jan'", "null", "null", "null", ts(1));
        insert(3, "null", "'kees@example.com'", "null", "'Kees'", "null", "'31/02/1980'", "null", ts(2));
        insertPlain(4, 3);

        run = start(Map.of(), new InMemoryCheckpoints());

        assertThat(run.batches()).containsExactly(List.of("1", "4"));
        List<DeadLetter> letters = run.deadLetters();
        assertThat(letters).extracting(DeadLetter::location).containsExactly("contacts:2", "contacts:3");
        assertThat(letters.get(0).stage()).isEqualTo("connector.crm-erp.map");
        assertThat(letters.get(0).source()).isEqualTo("crm-erp");
        assertThat(letters.get(0).reason()).startsWith("column 'email': invalid email 'jan.at.example.com'");
        assertThat(letters.get(0).raw()).contains("\"email\":\"jan.at.example.com\"").contains("\"id\":\"2\"");
        assertThat(letters.get(0).at()).isEqualTo(NOW);
        assertThat(letters.get(1).reason())
                .isEqualTo("column 'birth_date': invalid date '31/02/1980' (expected yyyy-MM-dd or an ISO-8601 "
                        + "date-time)");
        assertThat(run.connector.recordsRead).hasValue(4);
        awaitCheckpoint(run.connector.checkpoints(), "\"key\":\"4\"");
    }

    @Test
    void rowsSharingATimestampAcrossABatchBoundaryAreAllReadOnce() throws Exception {
        insertPlain(3, 0);
        insertPlain(1, 0);
        insertPlain(2, 0);

        run = start(Map.of("batch.size", "2"), new InMemoryCheckpoints());

        assertThat(run.batches()).containsExactly(List.of("1", "2"), List.of("3"));

        insertPlain(4, 0); // late, but the same timestamp and a higher key
        NotifyBuilder polls = run.polls(2);
        ConnectorRun.await(polls);
        assertThat(run.batches()).containsExactly(List.of("1", "2"), List.of("3"), List.of("4"));
    }

    @Test
    void whenTheDatabaseIsDownEachPollFailsAfterItsRetriesWithoutShowingThePassword() throws Exception {
        String password = "S3cret-not-for-logs";
        run = start(Map.of("jdbc.url", "jdbc:postgresql://127.0.0.1:1/crm?password=" + password, "jdbc.password",
                password, "retry.attempts", "2", "connect.timeout.ms", "250"), new InMemoryCheckpoints(), 2);

        assertThat(run.connector.failures).hasSizeGreaterThanOrEqualTo(2).allSatisfy(f -> assertThat(f)
                .startsWith("poll failed after 3 attempts, resuming from the last checkpoint at the next poll: ")
                .doesNotContain(password));
        assertThat(run.pollRouteStarted()).isTrue();
        assertThat(connector.info().settings()).containsEntry("jdbc.password", "****")
                .containsEntry("jdbc.url", "jdbc:postgresql://127.0.0.1:1/crm?password=****");
        assertThat(run.connector.checkpoints().snapshot()).isEmpty();
    }

    @Test
    void afterAFailedPollTheNextOneResumesFromTheCheckpoint() throws Exception {
        insertPlain(1, 0);
        run = start(Map.of(), new InMemoryCheckpoints());
        assertThat(run.batches()).containsExactly(List.of("1"));

        db.execute("alter table contacts rename to contacts_away");
        NotifyBuilder polls = run.polls(2);
        ConnectorRun.await(polls);
        assertThat(run.connector.failures).isNotEmpty()
                .allSatisfy(f -> assertThat(f).contains("relation \"contacts\" does not exist"));

        db.execute("alter table contacts_away rename to contacts");
        insertPlain(2, 1);
        polls = run.polls(2);
        ConnectorRun.await(polls);
        assertThat(run.batches()).containsExactly(List.of("1"), List.of("2"));
    }

    private ConnectorRun start(Map<String, String> extra, InMemoryCheckpoints checkpoints) throws Exception {
        return start(extra, checkpoints, 2);
    }

    private ConnectorRun start(Map<String, String> extra, InMemoryCheckpoints checkpoints, int polls)
            throws Exception {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("jdbc.url", db.url());
        keys.put("jdbc.user", PgSchema.USER);
        keys.put("jdbc.password", PgSchema.PASSWORD);
        keys.put("poll.interval", "100");
        keys.put("retry.delay.ms", "10");
        keys.put("retry.attempts", "1");
        keys.putAll(extra);
        connector = new CrmJdbcConnector(TestConfigs.settings(keys), Clock.fixed(NOW, ZoneOffset.UTC));
        return new ConnectorRun(connector, new TestConnectorContext("crm-erp", checkpoints)).start(polls);
    }

    private void insertPlain(long id, int second) {
        insert(id, "null", "'p" + id + "@example.com'", "null", "'P" + id + "'", "null", "null", "null", ts(second));
    }

    private static String ts(int second) {
        return "'" + T0 + "'::timestamp + interval '" + second + " seconds'";
    }

    private void insert(long id, String account, String email, String mobile, String first, String last,
            String birth, String newsletter, String updated) {
        db.execute("insert into contacts (id, account_id, email, mobile, first_name, last_name, birth_date, "
                + "newsletter, updated_at) values (" + id + ", " + account + ", " + email + ", " + mobile + ", "
                + first + ", " + last + ", " + birth + ", " + newsletter + ", " + updated + ")");
    }

    /**
     * The checkpoint once it holds {@code expected}: the connector saves it right after the batch it covers was sent,
     * so a test that has seen the batch may look a moment too early.
     */
    private static String awaitCheckpoint(org.cdphub.spi.connector.Checkpoints checkpoints, String expected)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        String value = null;
        while (System.currentTimeMillis() < deadline) {
            value = checkpoints.get(Position.CHECKPOINT).orElse(null);
            if (value != null && value.contains(expected)) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("checkpoint never held " + expected + ", it was " + value);
    }
}

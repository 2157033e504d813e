package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmCsvRoutesTest extends CamelTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path temp;
    private Path inbox;

    private final AtomicLong read = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        inbox = temp.resolve("crm inbox"); // created by the consumer; a space in the path must not matter
        Map<String, String> keys = Presets.valid(inbox);
        keys.put("batch.size", "2");
        keys.put("poll.delay.ms", "100");
        CrmCsvSettings settings = CrmCsvSettings.from(Presets.config(keys));
        return new CrmCsvConnector(settings, Clock.fixed(NOW, ZoneOffset.UTC)).routes(new TestContext());
    }

    @Test
    void batchesAndDeadLettersAreSentAndTheFileMovesToDone() throws Exception {
        MockEndpoint fragments = getMockEndpoint("mock:fragments");
        fragments.expectedMessageCount(4);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMinimumMessageCount(1); // a message per batch with rejections: a list of dead letters

        Files.copy(Presets.FIXTURES.resolve("bad-contacts.csv"), inbox.resolve("bad-contacts.csv"));

        awaitFile(inbox.resolve(".done/bad-contacts.csv")); // moved once every batch and dead letter is sent
        MockEndpoint.assertIsSatisfied(context);
        // batch.size 2 closes a batch at 2 fragments or 2 rejections; batches without fragments send none
        assertThat(fragments.getExchanges()).extracting(e -> ids(e)).containsExactly(
                List.of("0035g00000GOOD01AAA", "0035g00000GOOD02AAA"), List.of("0035g00000GOOD03AAA"),
                List.of("0035g00000GOOD04AAA"), List.of("0035g00000GOOD05AAA"));
        List<DeadLetter> letters = dead.getExchanges().stream()
                .flatMap(e -> ((List<?>) e.getMessage().getBody(List.class)).stream())
                .map(DeadLetter.class::cast).toList();
        assertThat(letters).extracting(DeadLetter::location).containsExactly("bad-contacts.csv:3",
                "bad-contacts.csv:5", "bad-contacts.csv:7", "bad-contacts.csv:9", "bad-contacts.csv:11",
                "bad-contacts.csv:12", "bad-contacts.csv:13", "bad-contacts.csv:14", "bad-contacts.csv:16",
                "bad-contacts.csv:18");
        assertThat(letters.get(2)).isEqualTo(new DeadLetter("connector.crm-salesforce.map", "crm-salesforce",
                "bad-contacts.csv:7", "column 'Email': invalid email 'jan.visser.at.example.com'",
                "\"0035g00000BAD003AAA\",\"Jan\",\"Visser\",\"jan.visser.at.example.com\",\"+31611111105\",\"NL\","
                        + "\"false\",\"2024-03-01T10:00:00.000Z\"", NOW));
        assertThat(inbox.resolve("bad-contacts.csv")).doesNotExist();
        assertThat(read).hasValue(15);
        assertThat(failures).isEmpty();
        assertThat(context.getRoute("connector.crm-salesforce.inbox")).isNotNull();
    }

    @Test
    void aFileThatFailsAsAWholeMovesToFailedAndIsCounted() throws Exception {
        getMockEndpoint("mock:fragments").expectedMessageCount(0);
        Files.writeString(inbox.resolve("wrong-export.csv"), "Id,Email\n1,a@example.com\n");

        awaitFile(inbox.resolve(".failed/wrong-export.csv"));
        assertThat(failures).singleElement().asString()
                .startsWith("wrong-export.csv: the header (line 1) lacks 'FirstName'");
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void whenTheFragmentsEndpointFailsTheFileMovesToFailed() throws Exception {
        getMockEndpoint("mock:fragments").whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("broker unavailable");
        });
        Files.copy(Presets.FIXTURES.resolve("salesforce-contacts.csv"), inbox.resolve("contacts.csv"));

        awaitFile(inbox.resolve(".failed/contacts.csv"));
        assertThat(failures).containsExactly("contacts.csv: broker unavailable");
    }

    @Test
    void filesThatAreNotCsvAreLeftAlone() throws Exception {
        MockEndpoint fragments = getMockEndpoint("mock:fragments");
        fragments.expectedMessageCount(3);
        Files.writeString(inbox.resolve("readme.txt"), "not a contact file");
        Files.copy(Presets.FIXTURES.resolve("salesforce-contacts.csv"), inbox.resolve("contacts.csv"));

        awaitFile(inbox.resolve(".done/contacts.csv"));
        MockEndpoint.assertIsSatisfied(context);
        assertThat(fragments.getExchanges()).flatExtracting(e -> ids(e)).hasSize(6);
        assertThat(read).hasValue(6);
        assertThat(inbox.resolve("readme.txt")).exists();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Exchange exchange) {
        return ((List<Fragment>) exchange.getMessage().getBody(List.class)).stream()
                .map(Fragment::sourceRecordId).toList();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }

    private final class TestContext implements ConnectorContext {
        public String connectorId() { return "crm-salesforce"; }
        public String fragmentsUri() { return "mock:fragments"; }
        public String membershipChangesUri() { return "direct:unused"; }
        public String deadLetterUri() { return "mock:dead"; }
        public ConnectorMetrics metrics() {
            return new ConnectorMetrics() {
                public void recordsRead(long count) { read.addAndGet(count); }
                public void delivered(long count) { }
                public void failure(String message) { failures.add(message); }
            };
        }
    }
}

package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.junit.jupiter.api.Test;

class DeadLettersCommandTest {

    private static final DeadLetter BAD_EMAIL = new DeadLetter("connector.crm-salesforce.map", "crm-salesforce",
            "contacts.csv:17", "email 'ann@' is not valid", "17,Ann,ann@", Instant.parse("2026-12-02T09:00:00Z"));

    private final DeadLettersCommand command = new DeadLettersCommand();

    DeadLettersCommandTest() {
        command.deadLetters = new DeadLetters() {
            @Override
            public List<DeadLetterQueue> queues() {
                return List.of(new DeadLetterQueue("cdp.core.dlq", "core", 0, false),
                        new DeadLetterQueue("cdp.connector.crm-salesforce.dlq", "crm-salesforce", 10_000, true),
                        new DeadLetterQueue("cdp.connector.locked.dlq", "locked", -1, false));
            }

            @Override
            public List<DeadLetter> read(String queue, int limit) {
                if (!queue.equals("crm-salesforce")) {
                    throw new IllegalArgumentException("no dead-letter queue '" + queue + "'");
                }
                return List.of(BAD_EMAIL, BAD_EMAIL).subList(0, Math.min(2, limit));
            }

            @Override
            public long retry(String queue) {
                if (!queue.equals("DLQ.cdp.fragments")) {
                    throw new IllegalArgumentException("no dead-letter queue '" + queue + "' on the broker");
                }
                return 3;
            }
        };
    }

    @Test
    void retryMovesABrokerQueueBackAndNeedsOne() throws Exception {
        command.retry = true;
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("--retry needs a queue");
        command.queue = "DLQ.cdp.fragments";
        assertThat(ConsoleOutput.of(command::execute)).isEqualTo("moved 3 messages of DLQ.cdp.fragments back to be"
                + " taken again\n");
        command.queue = "DLQ.nope";
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("no dead-letter queue 'DLQ.nope' on the broker");
    }

    @Test
    void withoutAQueueListsTheQueuesAndTheirCounts() throws Exception {
        String out = ConsoleOutput.of(command::execute);
        assertThat(out).contains("QUEUE", "RECORDS");
        assertThat(out.lines().filter(l -> l.contains("crm-salesforce"))).singleElement().asString()
                .contains("cdp.connector.crm-salesforce.dlq").endsWith("10000+");
        assertThat(out.lines().filter(l -> l.contains("locked"))).singleElement().asString()
                .endsWith("? (see the log)");
    }

    @Test
    void withAQueueListsItsRecordsWithWhereAndWhy() throws Exception {
        command.queue = "crm-salesforce";
        command.verbose = true;
        String out = ConsoleOutput.of(command::execute);
        assertThat(out.lines().filter(l -> l.contains("contacts.csv:17"))).hasSize(4); // two rows, two raw lines
        assertThat(out).doesNotContain("-n lists more").contains("2026-12-02T09:00:00Z", "connector.crm-salesforce.map",
                "crm-salesforce contacts.csv:17", "email 'ann@' is not valid",
                "crm-salesforce contacts.csv:17: 17,Ann,ann@");
        command.limit = 1;
        assertThat(ConsoleOutput.of(command::execute)).endsWith("the first 1; -n lists more\n");
    }

    @Test
    void anUnknownQueueOrALimitBelowOneIsTheUsersMistake() {
        command.queue = "nope";
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("no dead-letter queue 'nope'");
        command.queue = "crm-salesforce";
        command.limit = 0;
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("-n must be at least 1, got 0");
    }

    @Test
    void aBrokerThatCannotBeReadIsOneMessage() {
        DeadLettersCommand down = new DeadLettersCommand();
        down.deadLetters = new DeadLetters() {
            @Override
            public List<DeadLetterQueue> queues() {
                throw new IllegalStateException("cannot read the dead-letter queues: connection refused");
            }

            @Override
            public List<DeadLetter> read(String queue, int limit) {
                throw new IllegalStateException("cannot read queue cdp.core.dlq: connection refused");
            }

            @Override
            public long retry(String queue) {
                throw new IllegalStateException("cannot move the messages of " + queue + " back: refused");
            }
        };
        assertThatThrownBy(down::execute).isInstanceOf(CommandException.class)
                .hasMessage("cannot read the dead-letter queues: connection refused");
        down.queue = "core";
        assertThatThrownBy(down::execute).isInstanceOf(CommandException.class)
                .hasMessage("cannot read queue cdp.core.dlq: connection refused");
        down.queue = "DLQ.cdp.fragments";
        down.retry = true;
        assertThatThrownBy(down::execute).isInstanceOf(CommandException.class)
                .hasMessage("cannot move the messages of DLQ.cdp.fragments back: refused");
    }
}

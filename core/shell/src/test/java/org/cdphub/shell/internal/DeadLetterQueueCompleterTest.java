package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.console.CommandLine;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

class DeadLetterQueueCompleterTest {

    private final DeadLetterQueueCompleter completer = new DeadLetterQueueCompleter();

    DeadLetterQueueCompleterTest() {
        completer.registry = () -> List.of(new ConnectorStatus(new ConnectorInfo("crm-erp", "crm-jdbc",
                Direction.INBOUND, Map.of()), ConnectorState.RUNNING, 0, 0, 0, 0, 0, 0, null, null, null));
        completer.deadLetters = new DeadLetters() {
            @Override
            public List<DeadLetterQueue> queues() {
                throw new AssertionError("completion must not count the queues");
            }

            @Override
            public List<DeadLetter> read(String queue, int limit) {
                throw new AssertionError("completion must not read a queue");
            }

            @Override
            public long retry(String queue) {
                throw new AssertionError("completion must not move anything");
            }

            @Override
            public List<String> brokerQueues() {
                return List.of("DLQ.cdp.fragments", "DLQ.cdp.profiles.changed");
            }
        };
    }

    @Test
    void completesTheHubsOwnersAndTheBrokersDeadLetterQueues() {
        assertThat(complete("")).contains("core", "crm-erp", "DLQ.cdp.fragments", "DLQ.cdp.profiles.changed");
        assertThat(complete("DLQ.cdp.f")).containsExactly("DLQ.cdp.fragments");
        assertThat(complete("cr")).containsExactly("crm-erp");
    }

    private List<String> complete(String typed) {
        List<String> candidates = new ArrayList<>();
        CommandLine line = (CommandLine) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCursorArgument" -> typed;
                    case "getArgumentPosition" -> typed.length();
                    case "getCursorArgumentIndex" -> 1;
                    case "getArguments" -> new String[] {"cdp:dead-letters", typed};
                    case "getBufferPosition" -> typed.length() + 17;
                    case "getBuffer" -> "cdp:dead-letters " + typed;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        completer.complete(null, line, candidates);
        return candidates.stream().map(String::strip).toList();
    }
}

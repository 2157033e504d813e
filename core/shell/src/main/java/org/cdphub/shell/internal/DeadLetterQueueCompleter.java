package org.cdphub.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.spi.connector.ConnectorRegistry;

/**
 * Completes {@code core}, the connector ids (the owners of the hub's dead-letter queues) and the broker's
 * {@code DLQ.<address>} queues that exist (one management request; none where the broker does not let the hub manage).
 */
@Service
public class DeadLetterQueueCompleter implements Completer {

    @Reference
    ConnectorRegistry registry;

    @Reference
    DeadLetters deadLetters;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().add("core");
        registry.connectors().forEach(c -> names.getStrings().add(c.info().id()));
        names.getStrings().addAll(deadLetters.brokerQueues());
        return names.complete(session, commandLine, candidates);
    }
}

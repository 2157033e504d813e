package org.cdphub.routes.internal.deadletter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.QueueReader;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeadLetters} of the hub's broker: {@value Addresses#CORE_DEAD_LETTER} and a queue per connector the runtime
 * knows ({@link Addresses#connectorDeadLetter}). Each entry is a {@link DeadLetter} as JSON; an entry that is not (put
 * there by hand, or by an older hub) is shown with its text as {@code raw} and a reason that says so. Messages the
 * broker moved after their delivery attempts ({@code DLQ.<address>} on the address {@code DLA}) are not read here: a
 * browser on such a queue that does not exist yet would create one without the filter Artemis gives it, which would
 * then take every address's dead letters. A queue is counted by reading it (up to {@link #COUNT_LIMIT} + 1); reading
 * a connector's queue before its first dead letter creates it, empty, as that letter would.
 */
@Component(service = DeadLetters.class)
public final class DeadLetterBrowser implements DeadLetters {

    static final String CORE = "core";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterBrowser.class);

    private final QueueReader queues;
    private final ConnectorRegistry connectors;

    @Activate
    public DeadLetterBrowser(@Reference QueueReader queues, @Reference ConnectorRegistry connectors) {
        this.queues = queues;
        this.connectors = connectors;
    }

    @Override
    public List<DeadLetterQueue> queues() {
        List<DeadLetterQueue> all = new ArrayList<>();
        try { // the first queue tells whether the broker answers at all: then one error, not a "?" a queue
            int count = queues.count(Addresses.CORE_DEAD_LETTER, COUNT_LIMIT + 1);
            all.add(new DeadLetterQueue(Addresses.CORE_DEAD_LETTER, CORE, Math.min(count, COUNT_LIMIT),
                    count > COUNT_LIMIT));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the dead-letter queues: " + e.getMessage(), e);
        }
        connectors.connectors().stream().map(c -> c.info().id()).sorted(Comparator.naturalOrder()).distinct()
                .forEach(id -> all.add(queue(Addresses.connectorDeadLetter(id), id)));
        return all;
    }

    @Override
    public List<DeadLetter> read(String queue, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String name = resolve(queue).orElseThrow(() -> new IllegalArgumentException("no dead-letter queue '" + queue
                + "': give core, a connector id or a queue that cdp:dead-letters lists"));
        return queues.peek(name, limit).stream().map(DeadLetterBrowser::letter).toList();
    }

    private DeadLetterQueue queue(String name, String owner) {
        int count;
        try {
            count = queues.count(name, COUNT_LIMIT + 1);
        } catch (RuntimeException e) { // one queue the broker will not let us read does not hide the others
            LOG.warn("cannot count dead-letter queue {}: {}", name, e.getMessage());
            return new DeadLetterQueue(name, owner, -1, false);
        }
        return new DeadLetterQueue(name, owner, Math.min(count, COUNT_LIMIT), count > COUNT_LIMIT);
    }

    private Optional<String> resolve(String queue) {
        if (queue == null || queue.isBlank()) {
            return Optional.empty();
        }
        if (CORE.equals(queue) || Addresses.CORE_DEAD_LETTER.equals(queue)) {
            return Optional.of(Addresses.CORE_DEAD_LETTER);
        }
        return connectors.connectors().stream().map(c -> c.info()).map(ConnectorInfo::id)
                .filter(id -> id.equals(queue) || Addresses.connectorDeadLetter(id).equals(queue)).findFirst()
                .map(Addresses::connectorDeadLetter);
    }

    static DeadLetter letter(Received message) {
        String body = message.body();
        try {
            DeadLetter letter = body == null ? null : CdpJson.mapper().readValue(body, DeadLetter.class);
            if (letter != null && letter.reason() != null) {
                return letter;
            }
        } catch (IOException e) {
            // not a dead letter of the hub: shown as it is below
        }
        return new DeadLetter(null, message.header(Headers.SOURCE), null,
                Optional.ofNullable(message.header(Headers.REASON)).orElse("not a dead letter of the hub"),
                body, null);
    }
}

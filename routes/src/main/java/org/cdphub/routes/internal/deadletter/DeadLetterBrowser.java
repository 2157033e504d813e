package org.cdphub.routes.internal.deadletter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.QueueReader;
import org.cdphub.routes.internal.broker.QueueRetry;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link DeadLetters} of the hub's broker: {@value Addresses#CORE_DEAD_LETTER}, a queue per connector the runtime
 * knows ({@link Addresses#connectorDeadLetter}), and the queues {@code DLQ.<address>} into which the broker moved
 * messages after their delivery attempts (on the address {@code DLA}; listed only where the broker's management answers
 * the hub, since a browser on such a queue that does not exist yet would create one without the filter Artemis gives it,
 * which would then take every address's dead letters). Each entry of the hub's own queues is a {@link DeadLetter} as
 * JSON; a message the broker moved is shown with its text as {@code raw} and the address it was moved from (read by
 * its fully qualified name, only when it exists), and an
 * entry that is neither (put there by hand, or by an older hub) with its text and a reason that says so. Queues are
 * counted by the broker where its management answers the hub (exactly, creating nothing); otherwise by reading them (up
 * to {@link #COUNT_LIMIT}), which creates a connector's queue before its first dead letter, empty, as that letter would.
 */
@Component(service = DeadLetters.class)
public final class DeadLetterBrowser implements DeadLetters {

    static final String CORE = "core";
    static final String BROKER = "broker";

    private final QueueReader queues;
    private final QueueRetry mover;
    private final ConnectorRegistry connectors;

    @Activate
    public DeadLetterBrowser(@Reference QueueReader queues, @Reference QueueRetry mover,
            @Reference ConnectorRegistry connectors) {
        this.queues = queues;
        this.mover = mover;
        this.connectors = connectors;
    }

    @Override
    public List<DeadLetterQueue> queues() {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put(Addresses.CORE_DEAD_LETTER, CORE);
        connectorIds().forEach(id -> owners.put(Addresses.connectorDeadLetter(id), id));
        brokerQueues().forEach(name -> owners.put(name, BROKER));
        Map<String, QueueReader.Count> counts;
        try {
            counts = queues.count(List.copyOf(owners.keySet()), COUNT_LIMIT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the dead-letter queues: " + e.getMessage(), e);
        }
        List<DeadLetterQueue> all = new ArrayList<>();
        owners.forEach((name, owner) -> {
            QueueReader.Count count = counts.getOrDefault(name, new QueueReader.Count(-1, false));
            all.add(new DeadLetterQueue(name, owner, (int) Math.min(count.count(), Integer.MAX_VALUE), count.more()));
        });
        return all;
    }

    @Override
    public List<DeadLetter> read(String queue, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        String name = resolve(queue).orElseThrow(() -> new IllegalArgumentException("no dead-letter queue '" + queue
                + "': give core, a connector id or a queue that cdp:dead-letters lists"));
        if (name.startsWith(Addresses.BROKER_DEAD_LETTER_PREFIX)) { // the broker's own: read without creating it
            String from = name.substring(Addresses.BROKER_DEAD_LETTER_PREFIX.length());
            return queues.peekExisting(name, limit).stream().map(m -> movedByTheBroker(m, from)).toList();
        }
        return queues.peek(name, limit).stream().map(DeadLetterBrowser::letter).toList();
    }

    @Override
    public long retry(String queue) {
        if (queue == null || !queue.startsWith(Addresses.BROKER_DEAD_LETTER_PREFIX)) {
            throw new IllegalArgumentException("only the broker's dead-letter queues (" + Addresses.BROKER_DEAD_LETTER_PREFIX
                    + "<address>) are retried; '" + queue + "' holds records the hub refused: fix them at their source");
        }
        if (queue.equals(Addresses.BROKER_DEAD_LETTER_PREFIX + Addresses.MEMBERSHIP_CHANGES)) {
            throw new IllegalArgumentException(queue + " holds membership changes of every outbound connector: moved "
                    + "back, each would go to every connector again, also to those that delivered it, so it is not "
                    + "retried; read it and resend what is missing at the destination");
        }
        return mover.retry(queue).orElseThrow(() -> new IllegalArgumentException("no dead-letter queue '" + queue
                + "' on the broker"));
    }

    private List<String> connectorIds() {
        return connectors.connectors().stream().map(c -> c.info().id()).sorted(Comparator.naturalOrder()).distinct()
                .toList();
    }

    @Override
    public List<String> brokerQueues() {
        try {
            return queues.queueNames(Addresses.BROKER_DEAD_LETTER_PREFIX);
        } catch (RuntimeException e) { // the counts below say whether the broker answers at all
            return List.of();
        }
    }

    private Optional<String> resolve(String queue) {
        if (queue == null || queue.isBlank()) {
            return Optional.empty();
        }
        if (CORE.equals(queue) || Addresses.CORE_DEAD_LETTER.equals(queue)) {
            return Optional.of(Addresses.CORE_DEAD_LETTER);
        }
        Optional<String> connector = connectorIds().stream()
                .filter(id -> id.equals(queue) || Addresses.connectorDeadLetter(id).equals(queue)).findFirst()
                .map(Addresses::connectorDeadLetter);
        if (connector.isPresent() || !queue.startsWith(Addresses.BROKER_DEAD_LETTER_PREFIX)) {
            return connector;
        }
        return brokerQueues().contains(queue) ? Optional.of(queue) : Optional.empty(); // never creates one
    }

    /**
     * A message the broker moved to {@code DLQ.<address>} after its delivery attempts: the hub's message as it was
     * sent to {@code address} (over AMQP the broker's note of that address is an annotation the client does not show,
     * so it is taken from the queue's name, which Artemis makes of it).
     */
    static DeadLetter movedByTheBroker(Received message, String address) {
        return new DeadLetter(null, message.header(Headers.SOURCE), null,
                "moved here by the broker after its delivery attempts on " + address, message.body(), null);
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

package org.cdphub.routes.internal.connector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Policy;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.spi.connector.RouteIds;

/**
 * The runtime's side of a connector's Camel context: the endpoints a connector talks to ({@code direct:} URIs) and
 * the routes that connect them to the broker, count what passes, and enforce consent before anything reaches an
 * outbound connector. Fragment batches and removals that several threads hand in at once go to the broker together,
 * in the order they came ({@link GroupSender}, {@link RecordGroups}).
 */
final class BridgeRoutes extends RouteBuilder {

    static final String FRAGMENTS = "direct:cdp.fragments";
    static final String REMOVALS = "direct:cdp.removals";
    static final String DEAD_LETTER = "direct:cdp.dead-letter";
    static final String MEMBERSHIP_CHANGES = "direct:cdp.membership-changes";
    static final String MEMBERSHIP_CHANGE_BATCHES = "direct:cdp.membership-change-batches";
    /** Internal: a list of {@link RecordGroups.Message}s for the fragments queue, sent in one transaction. */
    private static final String FRAGMENT_MESSAGES = "direct:cdp.fragment-messages";
    /**
     * The most items (fragments and source record ids to remove) the bridge sends at once when it sends what several
     * threads hand in together, in messages by record group, or of no group for a connector that sends each record
     * once (the merge stage merges up to 1,000 fragments in one call).
     */
    static final int FRAGMENTS_PER_MESSAGE = 500;
    /** Exchange property: the change or list of changes handed to the connector, kept for retries and dead letters. */
    private static final String DELIVERY = "cdp.delivery";
    /** Retries of a delivery the destination refused, before its changes are dead-lettered. */
    static final int RETRIES = 3;

    /**
     * Where the bridge sends and reads; built by the runtime from the transport. {@code deliveryBatch}: the most
     * membership changes one delivery of the connector takes (1: one at a time, see
     * {@link org.cdphub.spi.connector.Connector#deliveryBatchSize()}); {@code sendsTogether}: the transport's
     * {@link org.cdphub.routes.internal.broker.Transport#sendsInOneTransaction()}, under which a list of dead letters
     * goes out (null: each on its own, as in tests without a broker).
     */
    record Endpoints(String fragments, String deadLetter, String membershipSubscription, int deliveryBatch,
            Policy sendsTogether) {

        Endpoints(String fragments, String deadLetter, String membershipSubscription, int deliveryBatch) {
            this(fragments, deadLetter, membershipSubscription, deliveryBatch, null);
        }

        Endpoints(String fragments, String deadLetter, String membershipSubscription) {
            this(fragments, deadLetter, membershipSubscription, 1);
        }
    }

    private final String connectorId;
    private final Endpoints endpoints;
    private final Optional<String> requiredConsent;
    private final Counters counters;
    private final Clock clock;
    private final SendClock sendClock;
    /** Whether fragment messages go in record groups: false for a connector that sends each record once. */
    private final boolean grouped;
    private final GroupSender<Object> fragments = new GroupSender<>(FRAGMENTS_PER_MESSAGE, this::sendFragments);
    /**
     * Set when a delivery failed while the connector was stopping: the batch in hand goes back to the broker whatever
     * else happens, so its remaining changes are not tried. Cleared when a batch starts.
     */
    private volatile boolean givingBack;
    private ProducerTemplate producer;

    BridgeRoutes(String connectorId, Endpoints endpoints, Optional<String> requiredConsent, Counters counters,
            Clock clock) {
        this(connectorId, endpoints, requiredConsent, counters, clock, true);
    }

    /** @param grouped false for a connector that sends each record once ({@code Connector.sendsEachRecordOnce()}) */
    BridgeRoutes(String connectorId, Endpoints endpoints, Optional<String> requiredConsent, Counters counters,
            Clock clock, boolean grouped) {
        this.grouped = grouped;
        this.connectorId = connectorId;
        this.endpoints = endpoints;
        this.requiredConsent = requiredConsent;
        this.counters = counters;
        this.clock = clock;
        this.sendClock = new SendClock(clock);
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler());

        from(FRAGMENTS).routeId(RouteIds.connector(connectorId, "emit"))
                .process(this::emit);

        from(REMOVALS).routeId(RouteIds.connector(connectorId, "remove"))
                .process(this::removals);

        // what goes out at once (per record group, or of no group, a message per run of fragments or of removals) in one
        // transaction: all of it reaches the queue, or none
        var fragmentMessages = from(FRAGMENT_MESSAGES).routeId(RouteIds.connector(connectorId, "send"))
                .filter(e -> !e.getMessage().getBody(List.class).isEmpty()); // nothing to send: no transaction
        (endpoints.sendsTogether() == null ? fragmentMessages : fragmentMessages.policy(endpoints.sendsTogether()))
                .split(body()).stopOnException()
                    .process(this::fragmentMessage)
                    .to(endpoints.fragments())
                .end();

        // one dead letter, or a list of them (a file's rejected rows): a queue entry each, a list in one transaction
        var deadLetters = from(DEAD_LETTER).routeId(RouteIds.connector(connectorId, "dead-letter"))
                .process(this::deadLetters); // counted once, before the sends (which may be tried again)
        (endpoints.sendsTogether() == null ? deadLetters : deadLetters.policy(endpoints.sendsTogether()))
                .split(body()).stopOnException() // a failed send fails the list (rolled back, sent again)
                    .process(this::deadLetter)
                    .to(endpoints.deadLetter())
                .end();

        if (endpoints.membershipSubscription() == null) {
            return;
        }
        var intake = from(endpoints.membershipSubscription()).routeId(RouteIds.connector(connectorId, "intake"))
                .onException(Exception.class)
                    // three retries, 0.5, 1 and 2 s apart; none once the connector is stopping, and then the change
                    // goes back to the broker for the next start instead of to the dead letters (failedDelivery)
                    // (Camel counts the retry it asks about: 1 after the first attempt failed)
                    .retryWhile(e -> !stopping(e) && e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0,
                            Integer.class) <= RETRIES)
                    .redeliveryDelay(500).useExponentialBackOff()
                    .handled(true)
                    .process(this::failedDelivery)
                    .split(body()).to(DEAD_LETTER).end()
                .end()
                .process(this::accept);
        if (endpoints.deliveryBatch() <= 1) {
            // the batch's changes, in order; one that fails is dead-lettered and the next goes; a failure that is not
            // handled (a stop, a dead letter that cannot be sent) fails the batch, which is rolled back
            intake.split(body())
                    .choice()
                        .when(body().isInstanceOf(MembershipChange.class))
                            .setProperty(DELIVERY, body()).process(e -> deliver(e, MEMBERSHIP_CHANGES))
                        .when(body().isInstanceOf(DeadLetter.class)).to(DEAD_LETTER)
                    .end()
                .end()
                .process(this::giveBackWhenStopping);
        } else {
            // lists of up to deliveryBatch changes, in order; a list that fails is dead-lettered change by change
            intake.process(this::deliveries)
                    .split(body())
                        .choice()
                            .when(body().isInstanceOf(DeadLetter.class)).to(DEAD_LETTER)
                            .otherwise()
                                .process(e -> e.setProperty(DELIVERY, List.copyOf(e.getMessage().getBody(List.class))))
                                .process(e -> deliver(e, MEMBERSHIP_CHANGE_BATCHES))
                        .end()
                    .end()
                    .process(this::giveBackWhenStopping);
        }
    }

    /**
     * A connector's batch of fragments, sent with the batches that other threads of the connector hand in at the same
     * time (an HTTP request each, for example) as one message; returns once the batch is on the queue.
     */
    @SuppressWarnings("unchecked")
    private void emit(Exchange exchange) throws Exception {
        List<Object> batch = exchange.getMessage().getMandatoryBody(List.class);
        fragments.send(batch);
        counters.sent(batch.size());
    }

    /**
     * Fragments and removals of several callers, in the order they came, to the fragments queue: messages by record
     * group ({@link RecordGroups#messages}), in one transaction.
     */
    private void sendFragments(List<Object> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        List<RecordGroups.Message> messages = RecordGroups.messages(connectorId, batch, grouped);
        Exchange sent = producer().send(FRAGMENT_MESSAGES, e -> e.getMessage().setBody(messages));
        if (sent.getException() != null) {
            throw sent.getException();
        }
    }

    /**
     * One message of the fragments queue, with its send time; nothing of the source (HTTP headers, file names) goes
     * with it.
     */
    private void fragmentMessage(Exchange exchange) {
        RecordGroups.Message message = exchange.getMessage().getBody(RecordGroups.Message.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Headers.SOURCE, connectorId);
        if (message.group() != null) {
            exchange.getMessage().setHeader(Headers.GROUP, message.group());
        }
        if (message.removals()) {
            exchange.getMessage().setHeader(Headers.KIND, Headers.KIND_REMOVALS);
        }
        exchange.getMessage().setHeader(Headers.SENT_AT, sendClock.next().toString()); // in the order they go out
        exchange.getMessage().setHeader(Headers.BATCH_SIZE, message.size());
        exchange.getMessage().setBody(message.json());
    }

    /** The sender of fragments and removals (for tests). */
    GroupSender<Object> sender() {
        return fragments;
    }

    private synchronized ProducerTemplate producer() throws Exception {
        if (producer == null) {
            producer = getContext().createProducerTemplate();
            getContext().addService(producer, true); // stopped with the connector's context
        }
        return producer;
    }

    /**
     * Removals travel on the fragments queue, in the message groups of the records' fragments (of none for a connector
     * that sends each record once), so that they stay in order with the fragments they erase: they wait for their turn with the fragment batches of other callers
     * ({@link GroupSender}), and returns once they are on the queue. Like fragment messages they carry their send time
     * ({@link Headers#SENT_AT}), so that a fragment sent before a removal stays out even when it reaches the merge
     * stage after it (a group moved to another node, a dead letter replayed).
     */
    private void removals(Exchange exchange) throws Exception {
        List<?> ids = exchange.getMessage().getMandatoryBody(List.class);
        List<String> recordIds = ids.stream().map(id -> {
            if (!(id instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("removals must be non-empty source record ids, got " + id);
            }
            return s;
        }).toList();
        fragments.send(recordIds.stream().map(RecordGroups.Removal::new).toList());
        counters.removed(recordIds.size());
    }

    /**
     * What a connector sent to the dead-letter endpoint as a list of dead letters, each counted: one, a list of them, or
     * anything else (which becomes a dead letter saying so).
     */
    private void deadLetters(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<DeadLetter> letters = new ArrayList<>();
        if (body instanceof List<?> list) {
            list.forEach(item -> letters.add(asDeadLetter(item)));
        } else {
            letters.add(asDeadLetter(body));
        }
        letters.forEach(dead -> counters.deadLettered(dead.reason()));
        exchange.getMessage().setBody(letters);
    }

    private DeadLetter asDeadLetter(Object item) {
        return item instanceof DeadLetter d ? d
                : new DeadLetter(RouteIds.connector(connectorId, "unknown"), connectorId, null,
                        "connector sent something other than a DeadLetter", String.valueOf(item), clock.instant());
    }

    /** One dead letter as its queue message: the letter as JSON, with the source and the reason as headers. */
    private void deadLetter(Exchange exchange) {
        DeadLetter dead = exchange.getMessage().getBody(DeadLetter.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Headers.SOURCE, connectorId);
        exchange.getMessage().setHeader(Headers.REASON, dead.reason());
        exchange.getMessage().setBody(CdpJson.write(dead));
    }

    /**
     * The messages of a received batch as what goes on, in order: each change to deliver (counted as sent), and a
     * dead letter for a message that holds no changes; changes that enter a segment without the required consent are
     * left out (counted as withheld).
     */
    private void accept(Exchange exchange) {
        givingBack = false;
        List<Object> out = new ArrayList<>();
        for (Received message : Received.of(exchange.getMessage())) {
            accept(message.body(), out);
        }
        exchange.getMessage().setBody(out);
    }

    /**
     * One message of the membership topic: changes of the profiles of one message group (a JSON array, as the segment
     * stage publishes them) or one change (a JSON object).
     */
    private void accept(String json, List<Object> out) {
        List<MembershipChange> changes;
        try {
            if (json != null && json.stripLeading().startsWith("[")) {
                changes = CdpJson.read(json, CdpJson.MEMBERSHIP_CHANGE_LIST);
            } else {
                MembershipChange one = CdpJson.read(json, MembershipChange.class);
                changes = one == null ? List.of() : List.of(one);
            }
            if (changes == null || changes.isEmpty() || changes.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("no change in it, or a null one");
            }
        } catch (RuntimeException e) { // this message only: the others of the batch go on
            out.add(new DeadLetter(RouteIds.connector(connectorId, "intake"), connectorId, null,
                    "not a membership change: " + e.getMessage(), json, clock.instant()));
            return;
        }
        for (MembershipChange change : changes) {
            if (change.kind() == MembershipChange.Kind.ENTERED && !consented(change.consents())) {
                counters.withheld();
            } else {
                counters.sent(1);
                out.add(change);
            }
        }
    }

    /**
     * The deliveries of a received batch for a connector that takes lists: its dead letters, and its changes in
     * lists of up to {@code deliveryBatch}, in order.
     */
    private void deliveries(Exchange exchange) {
        List<Object> out = new ArrayList<>();
        List<MembershipChange> list = new ArrayList<>();
        for (Object accepted : exchange.getMessage().getBody(List.class)) {
            if (accepted instanceof MembershipChange change) {
                list.add(change);
                if (list.size() == endpoints.deliveryBatch()) {
                    out.add(list);
                    list = new ArrayList<>();
                }
            } else {
                out.add(accepted); // a dead letter
            }
        }
        if (!list.isEmpty()) {
            out.add(list);
        }
        exchange.getMessage().setBody(out);
    }

    /** Entries need the destination's consent; exits always pass, since removing a person only reduces data. */
    private boolean consented(List<Consent> consents) {
        if (requiredConsent.isEmpty()) {
            return true;
        }
        String required = requiredConsent.get();
        return consents.stream().anyMatch(c -> c.key().equals(required) && c.granted());
    }

    /**
     * Hands the connector what the exchange holds on an exchange of its own, and fails as it failed. Camel keeps an
     * exchange's redelivery count in a header, so a connector working on this exchange could reset it (the webhook
     * connector removes every header before its HTTP call) and a failing change was then tried once a minute for
     * ever instead of being dead-lettered after its retries. A retry hands over the same body again, whatever the
     * connector's route made of its copy.
     */
    private void deliver(Exchange exchange, String endpoint) throws Exception {
        if (givingBack && stopping(exchange)) {
            return; // the batch goes back to the broker (giveBackWhenStopping): the rest is not tried
        }
        Object body = exchange.getMessage().getBody();
        Exchange done = producer().send(endpoint, e -> e.getMessage().setBody(body));
        if (done.getException() != null) {
            throw done.getException();
        }
    }

    /** Whether the connector's context is being stopped (the hub stopping, the connector reconfigured or removed). */
    private static boolean stopping(Exchange exchange) {
        return exchange.getContext().isStopping() || exchange.getContext().isStopped();
    }

    /**
     * Marks the batch for rollback when a delivery failed while the connector stopped: the consumer rolls it back and
     * says why. Not an exception, which the route's {@code onException} would take as a failed delivery (and a
     * custom exception class there is resolved by name through the context, which cannot see this bundle's).
     */
    private void giveBackWhenStopping(Exchange exchange) {
        if (givingBack && stopping(exchange)) {
            giveBack(exchange);
        }
    }

    private void giveBack(Exchange exchange) {
        exchange.setRollbackOnly(true);
        exchange.setProperty(Received.ROLLBACK_REASON, "connector " + connectorId
                + " stopping while its destination fails: the batch stays on the broker for the next start");
    }

    /** What failed after the retries, as one dead letter per change (a list that failed is several). */
    private void failedDelivery(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (stopping(exchange)) {
            // the retries ended because the connector is stopping, not because they all failed: the change is not
            // given up but the whole batch goes back to the broker for the next start (giveBackWhenStopping), so
            // a stop lets a batch whose destination answers finish, and gives back one whose destination does not
            givingBack = true;
            exchange.getMessage().setBody(List.of()); // no dead letters
            if (exchange.getProperty(Exchange.SPLIT_INDEX) == null) {
                giveBack(exchange); // failed outside the split, so giveBackWhenStopping is not reached
            }
            return;
        }
        String reason = "delivery failed after retries: " + (cause == null ? "unknown error" : cause.getMessage());
        counters.failure(reason);
        Object delivery = exchange.getProperty(DELIVERY);
        Object body = delivery != null ? delivery : exchange.getMessage().getBody();
        List<?> failed = body instanceof List<?> list ? list : java.util.Collections.singletonList(body);
        List<DeadLetter> letters = new ArrayList<>();
        for (Object one : failed) {
            String raw = one instanceof String s ? s : CdpJson.write(one);
            letters.add(new DeadLetter(RouteIds.connector(connectorId, "deliver"), connectorId, null, reason, raw,
                    clock.instant()));
        }
        exchange.getMessage().setBody(letters);
    }
}

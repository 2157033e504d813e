package org.cdphub.routes.internal.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.cdphub.routes.internal.AfterCommit;
import org.cdphub.routes.internal.Received;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes messages off a queue (or a shared durable subscription) in batches, each batch in one local JMS transaction,
 * on a thread of its own. It waits for a first message, then takes at most {@code maxMessages - 1} more of those
 * already there (by default it waits no more than 1 ms for each, {@code moreWait}):
 * under a light load a batch is one message and adds no delay, under a heavy one the batches grow while the previous
 * one is processed. The batch is one exchange whose body is a {@code List<}{@link Received}{@code >}.
 *
 * <p>The session is exposed to Spring's JMS template as Camel's transacted JMS consumers expose theirs, so messages
 * the route sends through the JMS component go out in the same transaction: when the route finishes the transaction
 * is committed (taking the batch off the queue and sending what it sent), when it fails it is rolled back: the broker
 * puts the messages back at the head of the queue, in order, and moves a message to its dead-letter address after its
 * delivery attempts. Work the route left for after the commit ({@link AfterCommit}) runs once it has committed. After
 * a failed batch of n messages the next n are taken one at a time, so that one message the route cannot process ends
 * in the dead-letter address on its own, not with the messages around it.
 *
 * <p>The consumer waits after a rollback, not the broker: 1 s after the first failure, twice as long after each
 * further one (failed batches in a row, or the failed message's deliveries, whichever is more), at most
 * {@value #MAX_BACKOFF_MS} ms. A redelivery delay at the broker would set the failed messages
 * aside while it delivers the next ones, also those of the same message group, so a profile's later membership
 * change could be sent before its earlier one (on {@code cdp.fragments} the send times keep a record's removal and
 * fragments apart whatever their order, but merging them in order still spares work); the hub's grouped queues
 * therefore have none (etc/artemis.xml). A message without a
 * group may go to another node's consumer at once; on a queue whose order does not matter
 * ({@code cdp.profiles.changed}) the broker delays it as well, so that several nodes do not spend its attempts in a
 * few seconds.
 *
 * <p>After each rolled-back batch, before its wait, the consumer asks whether what the stage needs is available (the
 * store answers and takes writes). If not, it closes its consumer, which hands the messages the client had fetched and
 * the consumer's message groups back to the broker (another node's consumer may take them; on a clean close Artemis
 * does not count a delivery of the fetched messages), and checks again every {@code probeInterval} ms (default
 * {@value #DEFAULT_PROBE_INTERVAL_MS}) until it
 * has answered twice in a row, then consumes again. So an outage spends one delivery attempt of the messages in the
 * failed batch on this node, not all of them, however long it lasts.
 */
final class BatchConsumer extends DefaultConsumer {

    /** An anycast queue ({@code subscription} null), or a shared durable subscription of a multicast address. */
    record Source(String address, String subscription) {

        MessageConsumer open(Session session) throws JMSException {
            return subscription == null ? session.createConsumer(session.createQueue(address))
                    : session.createSharedDurableConsumer(session.createTopic(address), subscription);
        }

        @Override
        public String toString() {
            return subscription == null ? address : address + "/" + subscription;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
    /** How long a receive waits before the thread checks whether it should stop. */
    private static final long RECEIVE_TIMEOUT_MS = 500;
    private static final long RECONNECT_DELAY_MS = 1000;
    /** How long to wait for one more message of a batch by default: what the prefetch buffer has is there at once. */
    static final long DEFAULT_MORE_WAIT_MS = 1;
    /** The wait after the first rolled-back batch in a row; doubled after each further one. */
    static final long FIRST_BACKOFF_MS = 1000;
    static final long MAX_BACKOFF_MS = 60_000;
    /** How often the consumer asks again whether what the stage needs is available, while it is not. */
    static final long DEFAULT_PROBE_INTERVAL_MS = 5_000;
    /** JMS: how often the broker has delivered the message, this delivery included. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final ConnectionFactory connectionFactory;
    private final Source queue;
    private final int maxMessages;
    private final BooleanSupplier available;
    private final long probeIntervalMs;
    private final long moreWaitMs;
    private volatile boolean running;
    /** The thread of the current start; a thread left from an earlier start sees it is not and ends. */
    private volatile Thread thread;
    /** The thread while it asks the stage's condition (nothing in hand): only then may a stop interrupt it. */
    private volatile Thread asking;

    BatchConsumer(Endpoint endpoint, Processor processor, ConnectionFactory connectionFactory, Source queue,
            int maxMessages, BooleanSupplier available, long probeIntervalMs, long moreWaitMs) {
        super(endpoint, processor);
        this.moreWaitMs = moreWaitMs;
        this.connectionFactory = connectionFactory;
        this.queue = queue;
        this.maxMessages = maxMessages;
        this.available = available;
        this.probeIntervalMs = probeIntervalMs;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        Thread started = new Thread(this::run, "cdphub-batch[" + queue + "]");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        Thread stopping = thread;
        thread = null;
        if (stopping != null) {
            stopping.join(RECEIVE_TIMEOUT_MS * 20); // the batch in hand is finished first
            if (stopping.isAlive() && asking == stopping) {
                // asking the store (a pool waits up to its connectionTimeout; the check writes nothing): no batch in
                // hand, none started now (live() is false), and HikariCP gives up its wait when interrupted
                stopping.interrupt();
            } else if (stopping.isAlive()) {
                // in a batch: an interrupt could break a store's file channel (H2) or leave a broker commit in doubt,
                // so the thread is left to finish its batch, and then ends (live() is false)
                LOG.warn("consuming {}: the batch in hand is still running; it is left to finish", queue);
            }
        }
        super.doStop();
    }

    /** Whether the calling thread is the consumer's current one and should go on. */
    private boolean live() {
        Thread current = Thread.currentThread();
        return running && thread == current && !current.isInterrupted();
    }

    private void run() {
        int oneByOne = 0; // messages still to take one at a time after a failed batch
        int failures = 0; // rolled-back batches in a row
        boolean unavailable = false; // the consumer was closed because what the stage needs was not available
        while (live()) {
            if (unavailable) {
                awaitAvailable();
                unavailable = false;
                oneByOne = 0; // the batch failed for want of the store, not for a message of its own
                continue; // stopped meanwhile?
            }
            try (Connection connection = connectionFactory.createConnection();
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                connection.start();
                try (MessageConsumer consumer = queue.open(session)) {
                    while (live()) {
                        // a batch received while a stop comes is still processed: the batch in hand is finished
                        List<Message> batch = receive(consumer, oneByOne > 0 ? 1 : maxMessages);
                        if (batch.isEmpty()) {
                            continue;
                        }
                        List<Runnable> afterCommit = process(session, batch);
                        if (afterCommit != null) {
                            session.commit();
                            oneByOne = Math.max(0, oneByOne - batch.size());
                            failures = 0;
                            runAll(afterCommit);
                        } else {
                            session.rollback();
                            oneByOne = Math.max(oneByOne, batch.size());
                            // failures in a row (the store down), or a message's own attempts (a message that
                            // fails alone, between others that commit)
                            failures = Math.max(failures + 1, deliveries(batch));
                            if (live() && !isAvailable()) {
                                unavailable = true;
                                break; // closes the consumer: what it fetched and its groups go back to the broker
                            }
                            sleep(backoff(failures));
                        }
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (live()) {
                    LOG.warn("consuming {}: {}; reconnecting in {} ms", queue, e.toString(), RECONNECT_DELAY_MS);
                    pause();
                }
            }
        }
    }

    private List<Message> receive(MessageConsumer consumer, int max) throws JMSException {
        List<Message> batch = new ArrayList<>();
        Message first = consumer.receive(RECEIVE_TIMEOUT_MS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        while (batch.size() < max && live()) { // a stop ends a long moreWait's filling after the current wait
            // only what has arrived already. Not receiveNoWait(): qpid-jms answers it, when its prefetch buffer is
            // empty, by draining the link's credit at the broker, and against Artemis that stalled consumption for
            // seconds at a time (measured with bench/latency.sh); a timed receive waits on the buffer only
            Message next = consumer.receive(moreWaitMs);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    /**
     * Runs the route on the batch with the session exposed.
     *
     * @return the work to run after the commit ({@link AfterCommit}), or null when the route failed
     */
    private List<Runnable> process(Session session, List<Message> batch) throws JMSException {
        List<Received> received = new ArrayList<>(batch.size());
        for (Message message : batch) {
            received.add(Messages.received(message));
        }
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(received);
        TransactionSynchronizationManager.bindResource(connectionFactory, new JmsResourceHolder(session));
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            TransactionSynchronizationManager.unbindResource(connectionFactory);
        }
        Exception failure = exchange.getException();
        if (failure == null && exchange.isRollbackOnly()) { // asked for, not failed: said in one line, no trace
            LOG.warn("batch of {} message(s) from {} rolled back: {}", batch.size(), queue,
                    exchange.getProperty(Received.ROLLBACK_REASON, "the route asked for it", String.class));
            releaseExchange(exchange, false);
            return null;
        }
        if (failure != null) {
            // no exchange: its id says nothing to a reader (and reads as "Exchange[]" unless something asked for it)
            getExceptionHandler().handleException("batch of " + batch.size() + " message(s) from " + queue
                    + " rolled back", null, failure);
        }
        List<Runnable> afterCommit = failure == null ? AfterCommit.of(exchange) : null;
        releaseExchange(exchange, false);
        return afterCommit;
    }

    /** Runs the after-commit work; a failure is logged, the rest still runs (the work is safe to leave undone). */
    private void runAll(List<Runnable> work) {
        for (Runnable w : work) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.warn("after the commit of a batch from {}: {}", queue, e.toString());
            }
        }
    }

    /** How often the most delivered message of the batch has been delivered, this time included (1 at least). */
    private static int deliveries(List<Message> batch) {
        int most = 1;
        for (Message message : batch) {
            try {
                if (message.propertyExists(DELIVERY_COUNT)) {
                    most = Math.max(most, message.getIntProperty(DELIVERY_COUNT));
                }
            } catch (JMSException | NumberFormatException e) {
                // no count: the failures in a row decide
            }
        }
        return most;
    }

    /** The wait after the {@code failures}-th rolled-back batch in a row. */
    static long backoff(int failures) {
        return failures >= 7 ? MAX_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << (failures - 1));
    }

    /** Asks the stage's condition, taking a failure to answer as a no. */
    private boolean isAvailable() {
        Thread current = Thread.currentThread();
        asking = current;
        try {
            return available.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("consuming {}: asking whether the stage can work failed: {}", queue, e.toString());
            return false;
        } finally {
            if (asking == current) {
                asking = null;
            }
            if (!live()) {
                Thread.interrupted(); // a stop's interrupt has done its work; the consumer's close need not see it
            }
        }
    }

    /**
     * Waits until the stage's condition has held at two checks in a row, {@code probeInterval} ms apart (plus
     * the time a check takes), or the stop. Two: a consumer that opens joins the queue's consumers, and on a queue that
     * rebalances its groups then ({@code cdp.fragments}) every node's dispatch pauses until their messages in flight
     * are acknowledged; a store that answers once between failures would make that happen over and over.
     */
    private void awaitAvailable() {
        long since = System.nanoTime();
        LOG.warn("consuming {}: what the stage needs is not available; the consumer is closed until it is, asking"
                + " every {} ms", queue, probeIntervalMs);
        for (int inARow = 0; inARow < 2 && live(); ) {
            sleep(probeIntervalMs);
            inARow = live() && isAvailable() ? inARow + 1 : 0;
        }
        if (live()) {
            LOG.info("consuming {}: available again after {} s; consuming", queue,
                    (System.nanoTime() - since) / 1_000_000_000L);
        }
    }

    private void pause() {
        sleep(RECONNECT_DELAY_MS);
    }

    /** Waits {@code ms}, in slices, so that a stop does not wait for the whole of a long back-off. */
    private void sleep(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            for (long left = ms; live() && left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                Thread.sleep(Math.min(left, RECEIVE_TIMEOUT_MS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // ends this thread's loops (live()), not a later start's
        }
    }
}

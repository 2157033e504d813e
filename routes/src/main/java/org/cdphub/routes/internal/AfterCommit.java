package org.cdphub.routes.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Work a route leaves for after the transaction of its exchange has committed: the stage consumers
 * ({@code BatchConsumer}) run it once the broker has taken the batch off the queue and sent what the route sent, and
 * drop it when the transaction rolls back. Use it for what must not happen before that (forgetting a pending change
 * whose announcement has only now gone out), never for what the transaction needs. An exchange no stage consumer
 * took (a timer's, a test's direct endpoint) never runs it: the work must be safe to leave undone.
 */
public final class AfterCommit {

    /** Exchange property holding the {@code List<Runnable>}. */
    public static final String PROPERTY = "cdp.afterCommit";

    private AfterCommit() {
    }

    /** Adds {@code work} to run after the commit of {@code exchange}'s transaction. */
    public static void add(Exchange exchange, Runnable work) {
        @SuppressWarnings("unchecked")
        List<Runnable> list = exchange.getProperty(PROPERTY, List.class);
        if (list == null) {
            list = new ArrayList<>();
            exchange.setProperty(PROPERTY, list);
        }
        list.add(work);
    }

    /** The work added to {@code exchange}, in order; empty when none. */
    public static List<Runnable> of(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Runnable> list = exchange.getProperty(PROPERTY, List.class);
        return list == null ? List.of() : List.copyOf(list);
    }
}

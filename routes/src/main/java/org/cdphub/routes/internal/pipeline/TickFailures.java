package org.cdphub.routes.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the timed routes (the expiry sweep, the sweep of pending changes, the segment schedule) report a tick that
 * failed, the store being down say: one line at WARN with the route and the innermost cause, the stack trace at DEBUG;
 * the next tick tries again. Camel's defaults logged the error handler's "Failed delivery" at ERROR and the timer's
 * "Error processing exchange" at WARN, each with the whole stack trace, on every tick of an outage. These routes have
 * no error handler: Camel's default one redelivered nothing here and only logged. A failed tick still fails, and what
 * a policy or split within the route does about a failure is unchanged.
 */
final class TickFailures implements ExceptionHandler {

    /** The name the timers' URIs give their exception handler, in the Camel context's registry. */
    static final String BEAN = "cdpTickFailures";
    private static final Logger LOG = LoggerFactory.getLogger("org.cdphub.pipeline.ticks");

    private final AtomicLong failed = new AtomicLong();

    private TickFailures() {
    }

    /** Failed ticks reported in this Camel context so far. */
    long failed() {
        return failed.get();
    }

    /**
     * Sets up {@code routes} (a builder of timed routes, from its {@code configure}) to report their failed ticks
     * here: no error handler logs them on the way, and the timers' URIs ({@link #timer}) hand them to this handler.
     */
    static void install(RouteBuilder routes) {
        // no error handler: the default one only logged (no redelivery), at ERROR with the stack trace, whatever its
        // logExhausted said; the failure reaches the timer as before
        routes.errorHandler(routes.noErrorHandler());
        if (routes.getContext().getRegistry().lookupByName(BEAN) == null) {
            routes.getContext().getRegistry().bind(BEAN, ExceptionHandler.class, new TickFailures());
        }
    }

    /** The URI of a timer {@code name} that first fires after {@code delay}, then every {@code period}. */
    static String timer(String name, Duration delay, Duration period) {
        return "timer:" + name + "?delay=" + delay.toMillis() + "&period=" + period.toMillis()
                + "&exceptionHandler=#" + BEAN;
    }

    /** The line logged for a failed tick of {@code routeId}. */
    static String describe(String routeId, Throwable failure) {
        Throwable root = failure;
        // at most 20 deep: a chain of causes can loop back on itself
        for (int depth = 0; depth < 20 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return (routeId == null ? "a timed route" : routeId) + ": the tick failed (" + cause
                + "); the next tick tries again";
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        failed.incrementAndGet();
        Throwable failure = exception != null ? exception : exchange == null ? null : exchange.getException();
        String routeId = exchange == null ? null : exchange.getFromRouteId();
        if (failure == null) {
            LOG.warn("{}: {}", routeId == null ? "a timed route" : routeId, message);
            return;
        }
        LOG.warn(describe(routeId, failure));
        LOG.debug("{} failed", routeId, failure);
    }
}

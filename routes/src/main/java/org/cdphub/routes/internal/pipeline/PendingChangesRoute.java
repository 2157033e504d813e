package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.spi.connector.RouteIds;

/**
 * Announces the changes the store committed whose announcement was lost: a merge, removal or expiry round commits
 * its store transaction first and its broker transaction (the profiles-changed message) after it, and when the second
 * did not happen (the node stopped in between, or a later engine call of the same batch failed and the batch rolled
 * back, to be merged again as "unchanged") the segments would never see those profiles. The store keeps what each
 * transaction changed until the announcement is acknowledged ({@link PendingChanges}). Every node sweeps: every
 * {@code after / 2} this route claims the changes older than {@code after} (another node's sweep then leaves them for
 * {@code after}), sends a profiles-changed message for each and acknowledges it once sent. Acknowledged changes, the
 * stages' as well, are deleted in batches by the second route, {@code core.pending.forget}, every second
 * ({@link BatchedForgetting}).
 */
final class PendingChangesRoute extends RouteBuilder {

    static final String LOG_NAME = "org.cdphub.pipeline.pending";
    /** Changes announced per tick at most; the next tick goes on. */
    static final int MAX_PER_TICK = 1000;
    private static final String ID = "cdp.pendingChangeId";
    private static final String COUNT = "cdp.pendingChangeCount";

    private final Duration after;
    private final String profilesChangedUri;
    private final BatchedForgetting pendingChanges;
    private final Clock clock;

    PendingChangesRoute(Duration after, String profilesChangedUri, BatchedForgetting pendingChanges, Clock clock) {
        this.after = after;
        this.profilesChangedUri = profilesChangedUri;
        this.pendingChanges = pendingChanges;
        this.clock = clock;
    }

    @Override
    public void configure() {
        TickFailures.install(this);
        Duration period = Duration.ofMillis(Math.max(1000, after.toMillis() / 2));
        from(TickFailures.timer("cdp-pending-changes", period, period))
                .routeId(RouteIds.core("pending", "sweep"))
                .process(this::collect)
                .filter(e -> !e.getMessage().getBody(List.class).isEmpty())
                    .log(LoggingLevel.INFO, LOG_NAME, "announcing ${exchangeProperty." + COUNT + "} change(s) the"
                            + " store committed whose announcement was lost")
                    // each on its own: one that cannot be sent stays pending and does not hold back the others
                    .split(body())
                        .process(e -> {
                            PendingChanges.Pending p = e.getMessage().getBody(PendingChanges.Pending.class);
                            e.setProperty(ID, p.id());
                            e.getMessage().setBody(announcement(p));
                        })
                        .to(profilesChangedUri)
                        .process(e -> pendingChanges.announced(List.of(e.getProperty(ID, Long.class))))
                    .end()
                .end();
        // what the stages announced, forgotten in one store transaction a second
        from(TickFailures.timer("cdp-pending-forget", Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .routeId(RouteIds.core("pending", "forget"))
                .process(e -> pendingChanges.flush());
    }

    private void collect(Exchange exchange) {
        Instant now = clock.instant();
        List<PendingChanges.Pending> pending = pendingChanges.claimDue(now.minus(after), now, MAX_PER_TICK);
        exchange.setProperty(COUNT, pending.size());
        exchange.getMessage().setBody(pending);
    }

    static String announcement(PendingChanges.Pending pending) {
        return CdpJson.write(new ProfilesChanged(pending.profileIds(), pending.absorbed()));
    }
}

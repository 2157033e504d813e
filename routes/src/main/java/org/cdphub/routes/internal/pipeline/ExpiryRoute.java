package org.cdphub.routes.internal.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.spi.connector.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes fragments whose time to live has passed (third-party data such as DMP audiences and cookie syncs, tracked
 * events with the tracking connector's {@code events.ttl}) on a
 * schedule, in transactions of {@code batch} fragments, and announces the changed profiles like a merge does. Several
 * nodes may sweep at once: the store lock serialises them, and a fragment removed by one is simply gone for the other.
 * Then it deletes the tombstones of expired records once what they keep out has expired
 * ({@link IdentityResolution#forgetTombstones}).
 */
final class ExpiryRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryRoute.class);
    private static final String PENDING = "cdp.pendingChanges";
    /** Rounds per tick at most, so that one tick never runs unbounded; the next tick goes on. */
    static final int MAX_ROUNDS = 20;

    private final Duration interval;
    private final int batch;
    private final String profilesChangedUri;
    private final IdentityResolution identityResolution;
    private final PendingChanges pendingChanges;

    ExpiryRoute(Duration interval, int batch, String profilesChangedUri, IdentityResolution identityResolution,
            PendingChanges pendingChanges) {
        this.interval = interval;
        this.batch = batch;
        this.profilesChangedUri = profilesChangedUri;
        this.identityResolution = identityResolution;
        this.pendingChanges = pendingChanges;
    }

    @Override
    public void configure() {
        TickFailures.install(this);
        from(TickFailures.timer("cdp-expiry", interval, interval))
                .routeId(RouteIds.core("expiry", "sweep"))
                .process(this::sweep)
                .split(body())
                    .to(profilesChangedUri)
                .end()
                // every announcement is sent: the store forgets them (a failed send leaves them pending, and
                // PendingChangesRoute announces them)
                .process(e -> pendingChanges.announced(e.getProperty(PENDING, List.class)))
                // last, so that a store failure here holds up no announcement
                .process(e -> forgetTombstones());
    }

    private void sweep(Exchange exchange) {
        List<String> announcements = new ArrayList<>();
        List<Long> pending = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            MergeResult result = identityResolution.expire(batch);
            if (!result.changesProfiles()) {
                break;
            }
            announcements.add(CdpJson.write(new ProfilesChanged(result.changedProfileIds(), result.absorbed())));
            if (result.pendingChange() != 0) {
                pending.add(result.pendingChange());
            }
        }
        exchange.setProperty(PENDING, pending);
        exchange.getMessage().setBody(announcements);
    }

    /**
     * The tombstones expired records left go once what they keep out has expired, so that the store does not keep a
     * row (a cookie id, say) for every third-party record that ever expired.
     */
    private void forgetTombstones() {
        int forgotten = 0;
        for (int rounds = 0; rounds < MAX_ROUNDS; rounds++) {
            int round = identityResolution.forgetTombstones(batch);
            forgotten += round;
            if (round < batch) {
                break;
            }
        }
        if (forgotten > 0) {
            LOG.debug("forgot {} tombstones of expired records", forgotten);
        }
    }
}

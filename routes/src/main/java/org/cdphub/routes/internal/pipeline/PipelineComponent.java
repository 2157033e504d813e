package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.StoreHealth;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.broker.Transport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the pipeline stages (merge, segments), the expiry sweep and the sweep of pending changes in one Camel context
 * wired to the broker. The stages stop taking messages while the store does not answer ({@link StoreHealth}).
 * Configuration {@code org.cdphub.pipeline} is optional; a bad value fails activation with a message naming the key.
 */
@Component(immediate = true, service = PipelineComponent.class, configurationPid = PipelineComponent.PID)
@Designate(ocd = PipelineConfig.class)
public final class PipelineComponent {

    static final String PID = "org.cdphub.pipeline";
    /** The registry name of the condition the stages' consumers wait for after a failed batch: the store answers. */
    static final String STORE_AVAILABLE = "storeAvailable";

    private final CamelContext context;
    private final BatchedForgetting pending;

    @Activate
    public PipelineComponent(@Reference Transport transport, @Reference IdentityResolution identityResolution,
            @Reference SegmentEvaluation segments, @Reference PendingChanges pendingChanges,
            @Reference StoreHealth store, PipelineConfig config) {
        Duration expiryInterval = duration("expiry.interval", config.expiry_interval());
        Duration pendingAfter = pendingAfter(config.pending_changes_after());
        pending = new BatchedForgetting(pendingChanges);
        int scheduleBatch = range("segments.schedule.batch", config.segments_schedule_batch(), 1, 10_000);
        int expiryBatch = range("expiry.batch", config.expiry_batch(), 1, 10_000);
        int mergeBatch = range("merge.batch.messages", config.merge_batch_messages(), 1, 1000);
        int segmentsBatch = range("segments.batch.messages", config.segments_batch_messages(), 1, 1000);
        Clock clock = Clock.systemUTC();
        context = CamelRuntime.newContext("cdphub-pipeline");
        transport.install(context);
        context.getRegistry().bind(STORE_AVAILABLE, BooleanSupplier.class, (BooleanSupplier) store::acceptsWrites);
        String deadLetter = transport.sendTo(Addresses.CORE_DEAD_LETTER);
        CamelRuntime.start(context,
                new MergeRoute(transport.consumeBatchesFrom(Addresses.FRAGMENTS, mergeBatch, STORE_AVAILABLE),
                        transport.sendTo(Addresses.PROFILES_CHANGED), deadLetter, identityResolution, pending, clock),
                new SegmentRoute(transport.consumeBatchesFrom(Addresses.PROFILES_CHANGED, segmentsBatch,
                        STORE_AVAILABLE),
                        transport.publish(Addresses.MEMBERSHIP_CHANGES), deadLetter, segments, clock),
                new ExpiryRoute(expiryInterval, expiryBatch, transport.sendTo(Addresses.PROFILES_CHANGED),
                        identityResolution, pending),
                new PendingChangesRoute(pendingAfter, transport.sendTo(Addresses.PROFILES_CHANGED), pending, clock),
                new SegmentScheduleRoute(duration("segments.schedule.interval", config.segments_schedule_interval()),
                        scheduleBatch, transport.publish(Addresses.MEMBERSHIP_CHANGES), segments,
                        transport.sendsInOneTransaction()));
    }

    static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + " " + key + ": expected " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /**
     * {@code pending.changes.after}: at least 10 s. A change is announced by the sweep once it is this old, also while
     * the batch that made it is still in flight (then twice), so it must exceed the time a batch takes.
     */
    static Duration pendingAfter(String text) {
        Duration d = duration("pending.changes.after", text);
        if (d.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException(PID + " pending.changes.after: expected at least PT10S (a change is"
                    + " announced again once it is this old, so it must exceed the time a batch takes), got '" + text
                    + "'");
        }
        return d;
    }

    static Duration duration(String key, String text) {
        try {
            Duration d = Duration.parse(text == null ? "" : text.strip());
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("at least PT1S");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PID + " " + key + ": expected an ISO-8601 duration of at least PT1S"
                    + " (for example PT1M), got '" + text + "'", e);
        }
    }

    @Deactivate
    void stop() {
        CamelRuntime.stop(context);
        pending.flushAll(); // what the last batches announced, after the stages stopped
    }
}

package org.cdphub.connector.crm.rest.internal;

import java.time.Clock;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;

/**
 * One route per instance, {@code connector.<id>.poll}: a timer fires every {@code poll.interval} (the first time a
 * moment after start) and runs one {@link Poll}. Fragments ({@code List<Fragment>} per page), erasures
 * ({@code List<String>}) and dead letters are sent synchronously to the context's URIs, so a checkpoint is saved only
 * after the hub holds what was read before it. The timer does not fire again while a poll is running.
 */
final class CrmRestRoutes extends RouteBuilder {

    static final String STEP = "poll";
    static final long FIRST_POLL_DELAY_MS = 100;

    private final CrmRestSettings settings;
    private final ConnectorContext context;
    private final Poll poll;

    CrmRestRoutes(CrmRestSettings settings, ConnectorContext context, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.context = context;
        this.poll = new Poll(settings, new HubSpotClient(settings, sleeper), clock);
    }

    @Override
    public void configure() throws Exception {
        ProducerTemplate producer = getContext().createProducerTemplate();
        getContext().addService(producer, true);
        Outbox outbox = new Outbox() {
            @Override
            public void fragments(List<Fragment> fragments) {
                producer.sendBody(context.fragmentsUri(), fragments);
            }

            @Override
            public void removals(List<String> sourceRecordIds) {
                producer.sendBody(context.removalsUri(), sourceRecordIds);
            }

            @Override
            public void deadLetter(DeadLetter deadLetter) {
                producer.sendBody(context.deadLetterUri(), deadLetter);
            }
        };
        from(timerUri()).routeId(RouteIds.connector(settings.id(), STEP))
                .process(e -> {
                    try {
                        poll.run(context.checkpoints(), outbox, context.metrics());
                    } catch (RuntimeException unexpected) { // e.g. a runtime that keeps no checkpoints
                        context.metrics().failure("poll failed: " + Poll.rootMessage(unexpected));
                    }
                });
    }

    String timerUri() {
        return "timer:cdphub-crm-rest-" + settings.id()
                + "?delay=" + FIRST_POLL_DELAY_MS
                + "&period=" + settings.pollInterval().toMillis();
    }
}

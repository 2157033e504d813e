package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.camel.runtime.api.CamelRuntime;
import org.cdphub.routes.internal.Addresses;
import org.cdphub.routes.internal.broker.Transport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Runs the pipeline stages (merge, segments) in one Camel context wired to the broker. */
@Component(immediate = true, service = PipelineComponent.class)
public final class PipelineComponent {

    private final CamelContext context;

    @Activate
    public PipelineComponent(@Reference Transport transport, @Reference IdentityResolution identityResolution,
            @Reference SegmentEvaluation segments) {
        Clock clock = Clock.systemUTC();
        context = CamelRuntime.newContext("cdphub-pipeline");
        transport.install(context);
        String deadLetter = transport.sendTo(Addresses.CORE_DEAD_LETTER);
        CamelRuntime.start(context,
                new MergeRoute(transport.consumeFrom(Addresses.FRAGMENTS),
                        transport.sendTo(Addresses.PROFILES_CHANGED), deadLetter, identityResolution, clock),
                new SegmentRoute(transport.consumeFrom(Addresses.PROFILES_CHANGED),
                        transport.publish(Addresses.MEMBERSHIP_CHANGES), deadLetter, segments, clock));
    }

    @Deactivate
    void stop() {
        CamelRuntime.stop(context);
    }
}

package org.cdphub.connector.tracking.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;

/**
 * One route per endpoint ({@code POST <path>/identify|track|page|screen|group|alias|batch}): refused requests are
 * answered with their status; accepted ones send their fragments on, dead-letter refused messages and answer 200.
 * If the hub cannot take the fragments (broker down) the client gets 500 and retries, as Segment clients do.
 */
final class TrackingRoutes extends RouteBuilder {

    private static final String OUTCOME = "cdphub.tracking.outcome";

    private final TrackingSettings settings;
    private final ConnectorContext context;
    private final TrackingIntake intake;

    TrackingRoutes(TrackingSettings settings, ConnectorContext context, Clock clock) {
        this.settings = settings;
        this.context = context;
        this.intake = new TrackingIntake(settings, clock);
    }

    @Override
    public void configure() {
        for (String type : List.of("identify", "track", "page", "screen", "group", "alias", "batch")) {
            from(context.httpUri(settings.path() + "/" + type) + "?httpMethodRestrict=POST")
                    .routeId(RouteIds.connector(settings.id(), type))
                    .process(e -> receive(e, type))
                    .choice()
                        .when(e -> outcome(e).refused())
                            .process(this::refuse)
                        .otherwise()
                            .removeHeaders("*")
                            .filter(e -> !outcome(e).fragments().isEmpty())
                                .setBody(e -> outcome(e).fragments())
                                .to(context.fragmentsUri())
                            .end()
                            .setBody(e -> outcome(e).deadLetters())
                            .split(body())
                                .to(context.deadLetterUri())
                            .end()
                            .process(this::accept)
                    .end();
        }
    }

    private void receive(Exchange exchange, String type) {
        if (exchange.getMessage().getBody() instanceof Map<?, ?> form) { // the HTTP layer's form post
            exchange.setProperty(OUTCOME, intake.refuseForm(exchange.getMessage().getHeader("Authorization",
                    String.class), form));
            return;
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        TrackingIntake.Outcome outcome = intake.handle(type, body == null ? new byte[0] : body,
                exchange.getMessage().getHeader("Content-Encoding", String.class),
                exchange.getMessage().getHeader("Authorization", String.class));
        context.metrics().recordsRead(outcome.fragments().size() + outcome.deadLetters().size()
                + outcome.duplicates());
        exchange.setProperty(OUTCOME, outcome);
    }

    private void refuse(Exchange exchange) {
        TrackingIntake.Outcome outcome = outcome(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (outcome.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"cdphub\"");
        }
        exchange.getMessage().setBody(CdpJson.write(java.util.Map.of("success", false, "message", outcome.error())));
    }

    private void accept(Exchange exchange) {
        TrackingIntake.Outcome outcome = outcome(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(CdpJson.write(java.util.Map.of("success", true,
                "accepted", outcome.fragments().size(), "refused", outcome.deadLetters().size(),
                "duplicates", outcome.duplicates())));
    }

    private static TrackingIntake.Outcome outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, TrackingIntake.Outcome.class);
    }
}

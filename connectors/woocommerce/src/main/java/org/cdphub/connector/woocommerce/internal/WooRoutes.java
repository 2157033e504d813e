package org.cdphub.connector.woocommerce.internal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook endpoint ({@code POST /webhooks/woocommerce/<id>}) and, when enabled, the backfill timer. A delivery with a
 * bad or missing signature is answered 401 and counted as a failure; a verified one sends its fragments, removals and
 * dead letters on and is answered 200. If the hub cannot take them (broker down) WooCommerce gets 500 and retries.
 */
final class WooRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(WooRoutes.class);
    private static final String OUTCOME = "cdphub.woocommerce.outcome";

    private final WooSettings settings;
    private final ConnectorContext context;
    private final WooWebhook webhook;
    private final Clock clock;
    private final RetryingHttp.Sleeper sleeper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final ProductCategories categories;

    WooRoutes(WooSettings settings, ConnectorContext context, Clock clock) {
        this(settings, context, clock, Thread::sleep);
    }

    WooRoutes(WooSettings settings, ConnectorContext context, Clock clock, RetryingHttp.Sleeper sleeper) {
        this.settings = settings;
        this.context = context;
        this.categories = settings.productLookup() ? new ProductCategories(api(sleeper), settings.siteUrl()) : null;
        this.webhook = new WooWebhook(settings, categories, clock);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void configure() {
        from(context.httpUri(settings.webhookPath()) + "?httpMethodRestrict=POST")
                .routeId(RouteIds.connector(settings.id(), "webhook"))
                .process(this::receive)
                .choice()
                    .when(e -> outcome(e).refusedSignature())
                        .process(e -> reply(e, 401, "invalid or missing X-WC-Webhook-Signature"))
                    .otherwise()
                        .removeHeaders("*")
                        .filter(e -> !outcome(e).fragments().isEmpty())
                            .setBody(e -> outcome(e).fragments())
                            .to(context.fragmentsUri())
                        .end()
                        .filter(e -> !outcome(e).removals().isEmpty())
                            .setBody(e -> outcome(e).removals())
                            .to(context.removalsUri())
                        .end()
                        .setBody(e -> outcome(e).deadLetters())
                        .split(body())
                            .to(context.deadLetterUri())
                        .end()
                        .process(e -> reply(e, 200, "ok"))
                .end();

        if (settings.backfill()) {
            long period = Duration.ofMinutes(settings.intervalMinutes()).toMillis();
            from("timer:cdphub-woocommerce-" + settings.id() + "?delay=500"
                    + (period == 0 ? "&repeatCount=1" : "&period=" + period))
                    .routeId(RouteIds.connector(settings.id(), "backfill"))
                    .process(this::backfill);
        }
    }

    private void receive(Exchange exchange) {
        var in = exchange.getMessage();
        // platform-http hands a form post (WooCommerce's ping) over as a map of its fields, not as bytes
        byte[] body = in.getBody() instanceof Map<?, ?> form ? formBytes(form) : in.getBody(byte[].class);
        WooWebhook.Outcome outcome = webhook.handle(body == null ? new byte[0] : body,
                in.getHeader("X-WC-Webhook-Signature", String.class), in.getHeader("X-WC-Webhook-Topic", String.class),
                in.getHeader("X-WC-Webhook-Delivery-ID", String.class));
        if (outcome.refusedSignature()) {
            context.metrics().failure("webhook refused: invalid or missing X-WC-Webhook-Signature");
        } else if (!"ping".equals(outcome.note())) {
            context.metrics().recordsRead(1);
            if ("ignored".equals(outcome.note())) {
                LOG.debug("{}: ignored webhook topic {}", settings.id(), in.getHeader("X-WC-Webhook-Topic"));
            }
        }
        exchange.setProperty(OUTCOME, outcome);
    }

    /** The REST API, with the consumer key and secret and the configured retries. */
    private RetryingHttp api(RetryingHttp.Sleeper sleep) {
        return new RetryingHttp(http, Map.of("Authorization", settings.basicAuthorization()), settings.maxRetries(),
                settings.backoffMs(), sleep);
    }

    private void backfill(Exchange exchange) throws Exception {
        WooBackfill run = new WooBackfill(settings, api(sleeper), categories, context.checkpoints(), context.metrics(),
                clock);
        try (ProducerTemplate template = exchange.getContext().createProducerTemplate()) {
            int read = run.run((fragments, dead) -> {
                if (!fragments.isEmpty()) {
                    template.sendBody(context.fragmentsUri(), List.copyOf(fragments));
                }
                dead.forEach(letter -> template.sendBody(context.deadLetterUri(), letter));
            });
            LOG.info("{}: backfill read {} orders", settings.id(), read);
        }
    }

    /** A form body as {@code k=v&...} again: enough to recognise the ping; no signed delivery is a form. */
    private static byte[] formBytes(Map<?, ?> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void reply(Exchange exchange, int status, String text) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
        exchange.getMessage().setBody(text);
    }

    private static WooWebhook.Outcome outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, WooWebhook.Outcome.class);
    }
}

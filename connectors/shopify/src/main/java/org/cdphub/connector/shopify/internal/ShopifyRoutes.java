package org.cdphub.connector.shopify.internal;

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
 * The webhook endpoint ({@code POST /webhooks/shopify/<id>}) and, when enabled, the backfill timer. A delivery with a
 * bad or missing signature is answered 401 and counted as a failure; a verified one sends its fragments, removals and
 * dead letters on and is answered 200. If the hub cannot take them (broker down) Shopify gets 500 and retries.
 */
final class ShopifyRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ShopifyRoutes.class);
    private static final String OUTCOME = "cdphub.shopify.outcome";

    private final ShopifySettings settings;
    private final ConnectorContext context;
    private final ShopifyWebhook webhook;
    private final Clock clock;
    private final RetryingHttp.Sleeper sleeper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final ProductTypes productTypes;

    ShopifyRoutes(ShopifySettings settings, ConnectorContext context, Clock clock) {
        this(settings, context, clock, Thread::sleep);
    }

    ShopifyRoutes(ShopifySettings settings, ConnectorContext context, Clock clock, RetryingHttp.Sleeper sleeper) {
        this.settings = settings;
        this.context = context;
        this.productTypes = settings.productLookup()
                ? new ProductTypes(api(sleeper), settings.apiBase(), settings.apiVersion()) : null;
        this.webhook = new ShopifyWebhook(settings, productTypes, clock);
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
                        .process(e -> reply(e, 401, "invalid or missing X-Shopify-Hmac-Sha256"))
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
            from("timer:cdphub-shopify-" + settings.id() + "?delay=500"
                    + (period == 0 ? "&repeatCount=1" : "&period=" + period))
                    .routeId(RouteIds.connector(settings.id(), "backfill"))
                    .process(this::backfill);
        }
    }

    private void receive(Exchange exchange) {
        var in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        ShopifyWebhook.Outcome outcome = webhook.handle(body == null ? new byte[0] : body,
                in.getHeader("X-Shopify-Hmac-Sha256", String.class), in.getHeader("X-Shopify-Topic", String.class),
                in.getHeader("X-Shopify-Webhook-Id", String.class), in.getHeader("X-Shopify-Shop-Domain", String.class));
        if (outcome.refusedSignature()) {
            context.metrics().failure("webhook refused: invalid or missing X-Shopify-Hmac-Sha256");
        } else {
            context.metrics().recordsRead(1);
            if (outcome.ignored()) {
                LOG.debug("{}: ignored webhook topic {}", settings.id(), in.getHeader("X-Shopify-Topic"));
            }
        }
        exchange.setProperty(OUTCOME, outcome);
    }

    private void backfill(Exchange exchange) throws Exception {
        ShopifyBackfill run = new ShopifyBackfill(settings, api(sleeper), productTypes, context.checkpoints(),
                context.metrics(), clock);
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

    /** The Admin API, with the access token and the configured retries. */
    private RetryingHttp api(RetryingHttp.Sleeper sleep) {
        return new RetryingHttp(http, Map.of("X-Shopify-Access-Token", settings.accessToken()),
                settings.maxRetries(), settings.backoffMs(), sleep);
    }

    private static void reply(Exchange exchange, int status, String text) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
        exchange.getMessage().setBody(text);
    }

    private static ShopifyWebhook.Outcome outcome(Exchange exchange) {
        return exchange.getProperty(OUTCOME, ShopifyWebhook.Outcome.class);
    }
}

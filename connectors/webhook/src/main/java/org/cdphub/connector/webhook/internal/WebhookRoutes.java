package org.cdphub.connector.webhook.internal;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;

/**
 * One change in, one JSON line appended (file mode) or one POST of the change (url mode); with {@code batch.size}
 * above 1, a list of changes in, its lines appended or one POST of a JSON array. Failures are retried by the runtime.
 */
final class WebhookRoutes extends RouteBuilder {

    private static final String COUNT = "cdp.webhook.count";

    private final WebhookSettings settings;
    private final ConnectorContext context;

    WebhookRoutes(WebhookSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void configure() {
        boolean lists = settings.batchSize() > 1;
        var route = from(lists ? context.membershipChangeBatchesUri() : context.membershipChangesUri())
                .routeId(RouteIds.connector(settings.id(), "deliver"))
                .process(e -> {
                    Object body = e.getMessage().getBody();
                    e.setProperty(COUNT, body instanceof List<?> list ? list.size() : 1);
                    e.getMessage().setBody(settings.directory() != null && body instanceof List<?> list
                            ? lines(list) : CdpJson.write(body));
                });
        if (settings.directory() != null) {
            route.to("file:" + settings.directory().toAbsolutePath()
                    + "?fileName=membership-${date:now:yyyy-MM-dd}.jsonl&fileExist=Append&appendChars=\\n");
        } else {
            route.removeHeaders("*")
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
            if (!settings.headerName().isEmpty()) {
                route.setHeader(settings.headerName(), constant(settings.headerValue()));
            }
            route.to(httpEndpoint()).removeHeaders("*");
        }
        route.process(e -> context.metrics().delivered(e.getProperty(COUNT, 1, Integer.class)));
    }

    /** The changes as JSON lines, without the last line's end (the file endpoint appends it). */
    private static String lines(List<?> changes) {
        StringBuilder out = new StringBuilder();
        for (Object change : changes) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(CdpJson.write(change));
        }
        return out.toString();
    }

    private String httpEndpoint() {
        String url = settings.url().toString();
        // the method as an endpoint option: a CamelHttpMethod header of "POST" is converted to camel-http's enum on
        // every request by a type-converter lookup, a quarter of this route's CPU at 2,000 changes/s
        String options = "httpMethod=POST&throwExceptionOnFailure=true&connectTimeout=" + settings.timeoutMs()
                + "&responseTimeout=" + settings.timeoutMs();
        return url + (url.contains("?") ? "&" : "?") + options;
    }
}

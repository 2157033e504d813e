package org.cdphub.connector.webhook.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;

/** One change in, one JSON line appended (file mode) or one POST (url mode). Failures are retried by the runtime. */
final class WebhookRoutes extends RouteBuilder {

    private final WebhookSettings settings;
    private final ConnectorContext context;

    WebhookRoutes(WebhookSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public void configure() {
        var route = from(context.membershipChangesUri()).routeId(RouteIds.connector(settings.id(), "deliver"))
                .process(e -> e.getMessage().setBody(CdpJson.write(e.getMessage().getBody())));
        if (settings.directory() != null) {
            route.to("file:" + settings.directory().toAbsolutePath()
                    + "?fileName=membership-${date:now:yyyy-MM-dd}.jsonl&fileExist=Append&appendChars=\\n");
        } else {
            route.removeHeaders("*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
            if (!settings.headerName().isEmpty()) {
                route.setHeader(settings.headerName(), constant(settings.headerValue()));
            }
            route.to(httpEndpoint()).removeHeaders("*");
        }
        route.process(e -> context.metrics().delivered(1));
    }

    private String httpEndpoint() {
        String url = settings.url().toString();
        String options = "throwExceptionOnFailure=true&connectTimeout=" + settings.timeoutMs()
                + "&responseTimeout=" + settings.timeoutMs();
        return url + (url.contains("?") ? "&" : "?") + options;
    }
}

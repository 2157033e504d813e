package org.cdphub.connector.webhook.internal;

import java.util.Optional;
import org.apache.camel.RoutesBuilder;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.Direction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** Outbound connector type {@code webhook}; one instance per {@code etc/org.cdphub.connector.webhook-<name>.cfg}. */
@Component(configurationPid = "org.cdphub.connector.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = WebhookConfig.class, factory = true)
public final class WebhookConnector implements Connector {

    static final String TYPE = "webhook";

    private final WebhookSettings settings;
    private final ConnectorInfo info;

    @Activate
    public WebhookConnector(WebhookConfig config) {
        this(WebhookSettings.from(config));
    }

    WebhookConnector(WebhookSettings settings) {
        this.settings = settings;
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.OUTBOUND, settings.describe());
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new WebhookRoutes(settings, context);
    }

    @Override
    public Optional<String> requiredConsent() {
        return settings.requiredConsent();
    }

    @Override
    public int deliveryBatchSize() {
        return settings.batchSize();
    }
}

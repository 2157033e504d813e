package org.cdphub.connector.woocommerce.internal;

import java.time.Clock;
import org.apache.camel.RoutesBuilder;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.Direction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Inbound connector type {@code woocommerce}: order and customer webhooks, and an optional backfill of past orders. One
 * instance per {@code etc/org.cdphub.connector.woocommerce-<name>.cfg}; a configuration that does not validate fails
 * activation with a message naming the key.
 */
@Component(configurationPid = "org.cdphub.connector.woocommerce", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = WooConfig.class, factory = true)
public final class WooConnector implements Connector {

    static final String TYPE = "woocommerce";

    private final WooSettings settings;
    private final ConnectorInfo info;

    @Activate
    public WooConnector(WooConfig config) {
        this.settings = WooSettings.from(config);
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.INBOUND, settings.describe());
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new WooRoutes(settings, context, Clock.systemUTC());
    }
}

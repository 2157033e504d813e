package org.cdphub.connector.dmp.internal;

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
 * Inbound connector type {@code dmp}: audience files and cookie-sync feeds of a data management platform dropped into
 * an inbox folder, kept as third-party data with a time to live. One instance per
 * {@code etc/org.cdphub.connector.dmp-<name>.cfg}; a configuration that does not validate fails activation with a
 * message naming the key.
 */
@Component(configurationPid = "org.cdphub.connector.dmp", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = DmpConfig.class, factory = true)
public final class DmpConnector implements Connector {

    static final String TYPE = "dmp";

    private final DmpSettings settings;
    private final ConnectorInfo info;
    private final Clock clock;

    @Activate
    public DmpConnector(DmpConfig config) {
        this(DmpSettings.from(config), Clock.systemUTC());
    }

    DmpConnector(DmpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.INBOUND, settings.describe());
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new DmpRoutes(settings, context, clock);
    }
}

package org.cdphub.connector.tracking.internal;

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

/** Inbound connector type {@code tracking}; one instance per {@code etc/org.cdphub.connector.tracking-<name>.cfg}. */
@Component(configurationPid = "org.cdphub.connector.tracking", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = TrackingConfig.class, factory = true)
public final class TrackingConnector implements Connector {

    static final String TYPE = "tracking";

    private final TrackingSettings settings;
    private final ConnectorInfo info;

    @Activate
    public TrackingConnector(TrackingConfig config) {
        this.settings = TrackingSettings.from(config);
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.INBOUND, settings.describe());
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    /** Every call is a record of its own (its message id); a repeated message id is dropped as a duplicate. */
    @Override
    public boolean sendsEachRecordOnce() {
        return true;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new TrackingRoutes(settings, context, Clock.systemUTC());
    }
}

package org.cdphub.connector.crm.rest.internal;

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
 * Inbound connector type {@code crm-rest}: contacts pulled incrementally from the HubSpot CRM v3 API. One instance per
 * {@code etc/org.cdphub.connector.crm.rest-<name>.cfg}; a configuration that does not validate fails activation with
 * a message naming the key. The token is shown masked.
 */
@Component(configurationPid = "org.cdphub.connector.crm.rest", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = CrmRestConfig.class, factory = true)
public final class CrmRestConnector implements Connector {

    static final String TYPE = "crm-rest";

    private final CrmRestSettings settings;
    private final ConnectorInfo info;
    private final Sleeper sleeper;
    private final Clock clock;

    @Activate
    public CrmRestConnector(CrmRestConfig config) {
        this(CrmRestSettings.from(config), Sleeper.THREAD, Clock.systemUTC());
    }

    CrmRestConnector(CrmRestSettings settings, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.INBOUND, settings.describe());
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new CrmRestRoutes(settings, context, sleeper, clock);
    }
}

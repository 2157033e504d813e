package org.cdphub.connector.crm.csv.internal;

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
 * Inbound connector type {@code crm-csv}: CRM contacts from CSV files dropped into an inbox folder. One instance per
 * {@code etc/org.cdphub.connector.crm.csv-<name>.cfg}; a configuration that does not validate fails activation with
 * a message naming the key.
 */
@Component(configurationPid = "org.cdphub.connector.crm.csv", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = CrmCsvConfig.class, factory = true)
public final class CrmCsvConnector implements Connector {

    static final String TYPE = "crm-csv";

    private final CrmCsvSettings settings;
    private final ConnectorInfo info;
    private final Clock clock;

    @Activate
    public CrmCsvConnector(CrmCsvConfig config) {
        this(CrmCsvSettings.from(config), Clock.systemUTC());
    }

    CrmCsvConnector(CrmCsvSettings settings, Clock clock) {
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
        return new CrmCsvRoutes(settings, context, clock);
    }
}

package org.cdphub.connector.crm.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.apache.camel.RoutesBuilder;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.Direction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Inbound connector type {@code crm-jdbc}: contacts read incrementally from a CRM's own database. One instance per
 * {@code etc/org.cdphub.connector.crm.jdbc-<name>.cfg}; a configuration that does not validate fails activation with
 * a message naming the key. The instance owns a small connection pool, which connects only when a poll needs it (a
 * database that is down at start does not stop the instance) and is closed on deactivation.
 */
@Component(configurationPid = "org.cdphub.connector.crm.jdbc", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Connector.class)
@Designate(ocd = CrmJdbcConfig.class, factory = true)
public final class CrmJdbcConnector implements Connector, AutoCloseable {

    static final String TYPE = "crm-jdbc";

    private final CrmJdbcSettings settings;
    private final ConnectorInfo info;
    private final Clock clock;
    private final HikariDataSource pool;

    @Activate
    public CrmJdbcConnector(CrmJdbcConfig config) {
        this(CrmJdbcSettings.from(config), Clock.systemUTC());
    }

    CrmJdbcConnector(CrmJdbcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.info = new ConnectorInfo(settings.id(), TYPE, Direction.INBOUND, settings.describe());
        this.pool = pool(settings);
    }

    private static HikariDataSource pool(CrmJdbcSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cdphub-crm-jdbc-" + settings.id());
        config.setDataSource(new DriverDataSource(settings.url(), settings.user(), settings.password(),
                settings.connectTimeoutMs()));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectTimeoutMs());
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        config.setRegisterMbeans(false);
        return new HikariDataSource(config);
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public RoutesBuilder routes(ConnectorContext context) {
        return new CrmJdbcRoutes(settings, pool, context, clock);
    }

    @Deactivate
    @Override
    public void close() {
        pool.close();
    }
}

package org.cdphub.routes.internal.connector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cdphub.routes.internal.broker.Transport;
import org.cdphub.routes.internal.http.HttpServer;
import org.cdphub.api.service.CheckpointStore;
import org.cdphub.spi.connector.Connector;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Starts every {@link Connector} service that appears (a connector bundle's factory configuration was added) and
 * stops it when it goes away, each in a Camel context of its own. Dynamic references cannot be constructor-injected,
 * so connectors arrive through bind/unbind methods. A configuration its connector type refused starts nothing; the DS
 * runtime keeps why, and {@link #refusedConfigurations()} reads it from there, with the configurations no installed
 * connector type takes, from Configuration Admin.
 */
@Component(immediate = true, service = ConnectorRegistry.class)
public final class ConnectorRuntime implements ConnectorRegistry {

    private final Transport transport;
    private final HttpServer http;
    private final CheckpointStore checkpoints;
    private final ServiceComponentRuntime components;
    private final ConfigurationAdmin configurations;
    private final Clock clock = Clock.systemUTC();
    private final Map<Connector, ConnectorInstance> instances = new ConcurrentHashMap<>();
    private boolean active;

    @Activate
    public ConnectorRuntime(@Reference Transport transport, @Reference HttpServer http,
            @Reference CheckpointStore checkpoints, @Reference ServiceComponentRuntime components,
            @Reference ConfigurationAdmin configurations) {
        this.transport = transport;
        this.http = http;
        this.checkpoints = checkpoints;
        this.components = components;
        this.configurations = configurations;
    }

    @Activate
    synchronized void activate() {
        active = true;
        instances.values().forEach(instance -> instance.start(transport, http, checkpoints, clock));
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        instances.values().forEach(ConnectorInstance::stop);
        instances.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addConnector(Connector connector) {
        ConnectorInstance instance = new ConnectorInstance(connector, clock);
        boolean duplicate = instances.values().stream().anyMatch(i -> i.id().equals(instance.id()));
        instances.put(connector, instance);
        if (duplicate) {
            instance.failDuplicate();
        } else if (active) {
            instance.start(transport, http, checkpoints, clock);
        }
    }

    synchronized void removeConnector(Connector connector) {
        ConnectorInstance instance = instances.remove(connector);
        if (instance != null) {
            instance.stop();
        }
    }

    @Override
    public List<ConnectorStatus> connectors() {
        return instances.values().stream().map(ConnectorInstance::status)
                .sorted(Comparator.comparing(s -> s.info().id())).toList();
    }

    @Override
    public List<RefusedConfiguration> refusedConfigurations() {
        return RefusedConfigurations.of(components, storedConnectorConfigurations());
    }

    /** The factory configurations of connector types Configuration Admin holds, installed types or not. */
    private List<RefusedConfigurations.Stored> storedConnectorConfigurations() {
        Configuration[] found;
        try {
            found = configurations.listConfigurations(
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + RefusedConfigurations.PID_PREFIX + "*)");
        } catch (Exception e) { // the filter is constant; Configuration Admin gone while asked
            return List.of();
        }
        List<RefusedConfigurations.Stored> stored = new ArrayList<>();
        for (Configuration c : found == null ? new Configuration[0] : found) {
            try {
                Dictionary<String, Object> properties = c.getProperties();
                Map<String, Object> map = new HashMap<>();
                if (properties != null) {
                    for (String key : Collections.list(properties.keys())) {
                        map.put(key, properties.get(key));
                    }
                }
                map.putIfAbsent(Constants.SERVICE_PID, c.getPid());
                stored.add(new RefusedConfigurations.Stored(c.getPid(), c.getFactoryPid(), map));
            } catch (IllegalStateException e) { // deleted since it was listed: nothing to report
                continue;
            }
        }
        return stored;
    }
}

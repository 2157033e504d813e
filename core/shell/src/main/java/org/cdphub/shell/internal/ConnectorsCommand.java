package org.cdphub.shell.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.RefusedConfiguration;

@Service
@Command(scope = "cdp", name = "connectors",
        description = "Lists connector instances with their state and counts, and configurations that started none")
public class ConnectorsCommand implements Action {

    @Option(name = "-v", aliases = "--verbose",
            description = "Also show each connector's settings (secrets masked) and its whole last error")
    boolean verbose;

    @Reference
    ConnectorRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("TYPE");
        table.column("DIRECTION");
        table.column("STATE");
        table.column("READ").alignRight();
        table.column("SENT").alignRight();
        table.column("DELIVERED").alignRight();
        table.column("DEAD-LETTERED").alignRight();
        table.column("WITHHELD").alignRight();
        table.column("REMOVED").alignRight();
        table.column("LAST ERROR").maxSize(80);
        for (ConnectorStatus s : registry.connectors()) {
            table.addRow().addContent(s.info().id(), s.info().type(), s.info().direction(), s.state(), s.read(),
                    s.sent(), s.delivered(), s.deadLettered(), s.withheld(), s.removed(),
                    s.lastError() == null ? "" : at(s.lastErrorAt()) + " " + s.lastError());
        }
        table.print(System.out);
        List<RefusedConfiguration> refused = registry.refusedConfigurations();
        if (!refused.isEmpty()) { // configurations that started no connector: not in the table, since not running
            System.out.println("Configurations that started no connector (each line says why; once that is fixed the"
                    + " connector starts):");
            for (RefusedConfiguration r : refused) {
                System.out.println("  " + r.id() + " (" + r.type() + ", " + r.source() + "): " + r.reason());
            }
        }
        if (verbose) {
            for (ConnectorStatus s : registry.connectors()) {
                System.out.println(s.info().id() + ":");
                new TreeMap<>(s.info().settings()).forEach((k, v) -> System.out.println("  " + k + " = " + v));
                if (s.lastError() != null) { // whole, where the table cuts it at 80 characters
                    System.out.println("  last error (" + at(s.lastErrorAt()) + "): " + s.lastError());
                }
                if (s.lastActivity() != null) {
                    System.out.println("  last activity: " + at(s.lastActivity()));
                }
            }
        }
        return null;
    }

    /** To the second, in UTC: when a failure was, so that one from hours ago is not read as a current one. */
    private static String at(Instant instant) {
        return instant == null ? "?" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

package org.cdphub.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cdphub.api.service.NodeHealth;

@Service
@Command(scope = "cdp", name = "health", description = "Whether this node's store, broker, disk and connectors work now"
        + " (what GET /health answers a load balancer, with the details)")
public class HealthCommand implements Action {

    @Reference
    NodeHealth health;

    @Override
    public Object execute() {
        NodeHealth.Health checked = health.check();
        System.out.println("node: " + checked.status());
        ShellTable table = new ShellTable();
        table.column("PART");
        table.column("STATE");
        table.column("NEEDED");
        table.column("DETAIL");
        for (NodeHealth.Part p : checked.parts()) {
            table.addRow().addContent(p.name(), p.up() ? "UP" : "DOWN", p.required() ? "yes" : "no", p.detail());
        }
        table.print(System.out);
        return null;
    }
}

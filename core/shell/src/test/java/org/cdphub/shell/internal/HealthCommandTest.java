package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cdphub.api.service.NodeHealth;
import org.junit.jupiter.api.Test;

class HealthCommandTest {

    @Test
    void printsTheNodesStateAndEachPartWithItsDetail() throws Exception {
        HealthCommand command = new HealthCommand();
        command.health = () -> new NodeHealth.Health(NodeHealth.Status.DOWN, List.of(
                new NodeHealth.Part("store", false, true, "no answer within 3000 ms"),
                new NodeHealth.Part("broker", true, true, "takes connections"),
                new NodeHealth.Part("connectors", false, false, "2 running; failed: crm-erp")));

        String out = ConsoleOutput.of(command::execute);

        assertThat(out).startsWith("node: DOWN\n");
        assertThat(out.lines().filter(l -> l.contains("store"))).singleElement().asString()
                .contains("DOWN").contains("yes").contains("no answer within 3000 ms");
        assertThat(out.lines().filter(l -> l.contains("connectors"))).singleElement().asString()
                .contains("DOWN").contains("no").contains("failed: crm-erp");
    }
}

package org.cdphub.routes.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.cdphub.api.service.NodeHealth;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.cdphub.spi.connector.Direction;
import org.cdphub.spi.connector.RefusedConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private static final Path DATA = Path.of("/opt/cdphub/data");
    private static final HealthChecks.Disk HALF_FULL = path -> new HealthChecks.DiskSpace(50L << 30, 100L << 30);

    private final List<ConnectorStatus> connectors = new ArrayList<>();
    private final List<RefusedConfiguration> refused = new ArrayList<>();
    private final ConnectorRegistry registry = new ConnectorRegistry() {
        @Override
        public List<ConnectorStatus> connectors() {
            return connectors;
        }

        @Override
        public List<RefusedConfiguration> refusedConfigurations() {
            return refused;
        }
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private HealthChecks checks;

    @AfterEach
    void stop() {
        release.countDown();
        if (checks != null) {
            checks.stop();
        }
    }

    @Test
    void aNodeWhoseStoreBrokerAndConnectorsWorkIsUp() {
        connectors.add(connector("crm-hubspot", ConnectorState.RUNNING));
        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofSeconds(2), DATA, HALF_FULL);

        NodeHealth.Health health = checks.check();

        assertThat(health.status()).isEqualTo(NodeHealth.Status.UP);
        assertThat(health.parts()).extracting(NodeHealth.Part::name, NodeHealth.Part::up)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("store", true),
                        org.assertj.core.groups.Tuple.tuple("broker", true),
                        org.assertj.core.groups.Tuple.tuple("disk", true),
                        org.assertj.core.groups.Tuple.tuple("connectors", true));
        assertThat(part(health, "connectors").detail()).isEqualTo("1 running");
        assertThat(part(health, "disk").detail()).isEqualTo("/opt/cdphub/data: 50.0 GB free of 100.0 GB (50.0 % used)");
    }

    @Test
    void aStoreThatRefusesWritesOrAProbeThatThrowsMakesTheNodeDown() {
        checks = new HealthChecks(() -> false, () -> {
            throw new IllegalStateException("no route to host");
        }, registry, Duration.ofSeconds(2), DATA, HALF_FULL);

        NodeHealth.Health health = checks.check();

        assertThat(health.status()).isEqualTo(NodeHealth.Status.DOWN);
        assertThat(part(health, "store")).isEqualTo(new NodeHealth.Part("store", false, true,
                "does not take writes (cannot connect, or read-only)"));
        assertThat(part(health, "broker")).isEqualTo(new NodeHealth.Part("broker", false, true,
                "refuses connections"));
    }

    @Test
    void aBrokerThatHangsIsDownWithinTheTimeoutAndIsAskedOnceUntilItAnswers() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        checks = new HealthChecks(() -> true, () -> {
            asked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, registry, Duration.ofMillis(1000), DATA, HALF_FULL);

        long start = System.nanoTime();
        NodeHealth.Health first = checks.check();
        NodeHealth.Health second = checks.check();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(first.status()).isEqualTo(NodeHealth.Status.DOWN);
        assertThat(part(second, "broker").detail()).isEqualTo("no answer within 1000 ms");
        assertThat(part(second, "store").up()).isTrue();
        assertThat(tookMs).as("two checks of a hanging broker, 1 s each").isLessThan(5_000);
        assertThat(asked).as("the hanging check is waited for again, not started twice").hasValue(1);

        release.countDown(); // the broker answers: the next check sees it
        assertThat(checkUntilUp().status()).isEqualTo(NodeHealth.Status.UP);
        assertThat(checks.check().status()).as("a check after that asks the broker anew").isEqualTo(
                NodeHealth.Status.UP);
        assertThat(asked.get()).isGreaterThan(1);
    }

    @Test
    void aDiskThatHangsIsDownWithinTheTimeoutAndIsAskedOnceUntilItAnswers() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofMillis(1000), DATA, path -> {
            asked.incrementAndGet();
            try {
                release.await(); // a network mount that stopped answering
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HealthChecks.DiskSpace(50L << 30, 100L << 30);
        });

        long start = System.nanoTime();
        NodeHealth.Health first = checks.check();
        NodeHealth.Health second = checks.check();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(first.status()).isEqualTo(NodeHealth.Status.DOWN);
        assertThat(part(second, "disk")).isEqualTo(new NodeHealth.Part("disk", false, true,
                "/opt/cdphub/data: no answer within 1000 ms"));
        assertThat(part(second, "store").up()).isTrue();
        assertThat(part(second, "broker").up()).isTrue();
        assertThat(tookMs).as("two checks of a hanging disk, 1 s each").isLessThan(5_000);
        assertThat(asked).as("the hanging check is waited for again, not started twice").hasValue(1);

        release.countDown();
        assertThat(part(checkUntilUp(), "disk").up()).isTrue();
    }

    @Test
    void aDiskFullFromTheBrokersLimitOnOrOneThatCannotBeReadMakesTheNodeDown() {
        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofSeconds(2), DATA,
                path -> new HealthChecks.DiskSpace(4L << 30, 100L << 30));
        NodeHealth.Health full = checks.check();
        assertThat(full.status()).isEqualTo(NodeHealth.Status.DOWN);
        assertThat(part(full, "disk")).isEqualTo(new NodeHealth.Part("disk", false, true, "/opt/cdphub/data: 4.0 GB "
                + "free of 100.0 GB (96.0 % used; from 95 % an embedded broker takes no messages)"));
        checks.stop();

        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofSeconds(2), DATA,
                path -> new HealthChecks.DiskSpace(6L << 30, 100L << 30));
        assertThat(checks.check().status()).as("94 % used").isEqualTo(NodeHealth.Status.UP);
        checks.stop();

        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofSeconds(2), DATA, path -> {
            throw new IOException("no such file");
        });
        assertThat(part(checks.check(), "disk")).isEqualTo(new NodeHealth.Part("disk", false, true,
                "/opt/cdphub/data: cannot be read: no such file"));
    }

    @Test
    void theRealDiskOfADirectoryIsRead() throws Exception {
        HealthChecks.DiskSpace space = HealthChecks.DiskSpace.of(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(space.total()).isPositive();
        assertThat(space.usable()).isBetween(0L, space.total());
    }

    @Test
    void aFailedConnectorOrARefusedConfigurationLeavesTheNodeDegraded() {
        connectors.add(connector("crm-hubspot", ConnectorState.RUNNING));
        connectors.add(connector("crm-erp", ConnectorState.FAILED));
        refused.add(new RefusedConfiguration("webhook-typo", "webhook", "etc/x.cfg", "batch.size: not a number"));
        checks = new HealthChecks(() -> true, () -> true, registry, Duration.ofSeconds(2), DATA, HALF_FULL);

        NodeHealth.Health health = checks.check();

        assertThat(health.status()).isEqualTo(NodeHealth.Status.DEGRADED);
        assertThat(part(health, "connectors")).isEqualTo(new NodeHealth.Part("connectors", false, false,
                "1 running; failed: crm-erp; 1 configuration started no connector (cdp:connectors says why)"));
    }

    private static NodeHealth.Part part(NodeHealth.Health health, String name) {
        return health.parts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static ConnectorStatus connector(String id, ConnectorState state) {
        return new ConnectorStatus(new ConnectorInfo(id, "crm-csv", Direction.INBOUND, Map.of()), state, 0, 0, 0, 0,
                0, 0, null, null, null);
    }

    /** Checks every 20 ms until the node is up, at most 30 s (a busy machine runs the probes late); the last check. */
    private NodeHealth.Health checkUntilUp() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        NodeHealth.Health health = checks.check();
        while (health.status() != NodeHealth.Status.UP && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = checks.check();
        }
        return health;
    }
}

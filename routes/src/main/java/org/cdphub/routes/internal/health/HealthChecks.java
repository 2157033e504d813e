package org.cdphub.routes.internal.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.cdphub.api.service.NodeHealth;
import org.cdphub.api.service.StoreHealth;
import org.cdphub.routes.internal.broker.Transport;
import org.cdphub.spi.connector.ConnectorRegistry;
import org.cdphub.spi.connector.ConnectorState;
import org.cdphub.spi.connector.ConnectorStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link NodeHealth} of this node: the store ({@link StoreHealth}: takes a write that changes nothing), the broker
 * ({@link Transport#answers()}: takes a new connection) and the connectors (none failed, no configuration that started
 * none). The store and the broker are checked at once, each on a thread of its own and for at most {@link #TIMEOUT}:
 * a part that has not answered by then counts as down, so a probe gets its answer in time however the part hangs.
 */
@Component(service = NodeHealth.class)
public final class HealthChecks implements NodeHealth {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ExecutorService threads;
    private final Probe store;
    private final Probe broker;
    private final ConnectorRegistry connectors;
    private final Duration timeout;

    @Activate
    public HealthChecks(@Reference StoreHealth store, @Reference Transport transport,
            @Reference ConnectorRegistry connectors) {
        this(store::acceptsWrites, transport::answers, connectors, TIMEOUT);
    }

    HealthChecks(BooleanSupplier store, BooleanSupplier broker, ConnectorRegistry connectors, Duration timeout) {
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cdphub-health");
            t.setDaemon(true);
            return t;
        });
        this.store = new Probe(store, threads);
        this.broker = new Probe(broker, threads);
        this.connectors = connectors;
        this.timeout = timeout;
    }

    @Deactivate
    void stop() {
        threads.shutdownNow();
    }

    @Override
    public Health check() {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Boolean> storeAnswer = store.ask();
        CompletableFuture<Boolean> brokerAnswer = broker.ask();
        List<Part> parts = new ArrayList<>();
        parts.add(required("store", storeAnswer, deadline, "takes writes",
                "does not take writes (cannot connect, or read-only)"));
        parts.add(required("broker", brokerAnswer, deadline, "takes connections", "refuses connections"));
        parts.add(connectors());
        Status status = parts.stream().anyMatch(p -> p.required() && !p.up()) ? Status.DOWN
                : parts.stream().allMatch(Part::up) ? Status.UP : Status.DEGRADED;
        return new Health(status, parts);
    }

    private Part required(String name, CompletableFuture<Boolean> answer, long deadline, String up, String down) {
        try {
            boolean ok = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Part(name, ok, true, ok ? up : down);
        } catch (TimeoutException e) {
            return new Part(name, false, true, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Part(name, false, true, "not checked: interrupted");
        } catch (ExecutionException e) { // Probe turns a failure into false: not expected
            return new Part(name, false, true, down + ": " + e.getCause());
        }
    }

    private Part connectors() {
        try {
            List<ConnectorStatus> all = connectors.connectors();
            List<String> failed = all.stream().filter(c -> c.state() == ConnectorState.FAILED)
                    .map(c -> c.info().id()).sorted().toList();
            int refused = connectors.refusedConfigurations().size();
            long running = all.stream().filter(c -> c.state() == ConnectorState.RUNNING).count();
            StringBuilder detail = new StringBuilder(running + " running");
            if (!failed.isEmpty()) {
                detail.append("; failed: ").append(String.join(", ", failed));
            }
            if (refused > 0) {
                detail.append("; ").append(refused).append(refused == 1 ? " configuration" : " configurations")
                        .append(" started no connector (cdp:connectors says why)");
            }
            return new Part("connectors", failed.isEmpty() && refused == 0, false, detail.toString());
        } catch (RuntimeException e) {
            return new Part("connectors", false, false, "cannot be listed: " + e.getMessage());
        }
    }
}

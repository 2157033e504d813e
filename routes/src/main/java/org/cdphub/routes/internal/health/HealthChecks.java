package org.cdphub.routes.internal.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * ({@link Transport#answers()}: takes a new connection), the disk under the node's data directory ({@code karaf.data}:
 * under {@link #MAX_DISK_USED} used) and the connectors (none failed, no configuration that started none). The store,
 * the broker and the disk are checked at once, each on a thread of its own and for at most {@link #TIMEOUT}: a part
 * that has not answered by then counts as down, so a probe gets its answer in time however the part hangs (a database
 * that takes no connections, a broker host that drops them, a network mount that stopped answering).
 */
@Component(service = NodeHealth.class)
public final class HealthChecks implements NodeHealth {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /**
     * From this share of its disk used a node counts as down: the embedded broker takes no more messages (its
     * {@code max-disk-usage} in {@code etc/artemis.xml}), and the H2 store, the journal and the CSV inboxes are
     * about to fail their writes.
     */
    static final double MAX_DISK_USED = 0.95;

    /** The space of the file system a path is on, in bytes. */
    record DiskSpace(long usable, long total) {

        static DiskSpace of(Path path) throws IOException {
            FileStore store = Files.getFileStore(path);
            return new DiskSpace(store.getUsableSpace(), store.getTotalSpace());
        }
    }

    /** Reads the space of a path's file system. */
    @FunctionalInterface
    interface Disk {
        DiskSpace of(Path path) throws IOException;
    }

    private final ExecutorService threads;
    private final Probe<Boolean> store;
    private final Probe<Boolean> broker;
    private final Probe<Part> disk;
    private final ConnectorRegistry connectors;
    private final Duration timeout;
    private final Path data;

    @Activate
    public HealthChecks(@Reference StoreHealth store, @Reference Transport transport,
            @Reference ConnectorRegistry connectors) {
        this(store::acceptsWrites, transport::answers, connectors, TIMEOUT,
                Path.of(System.getProperty("karaf.data", ".")), DiskSpace::of);
    }

    HealthChecks(BooleanSupplier store, BooleanSupplier broker, ConnectorRegistry connectors, Duration timeout,
            Path data, Disk disk) {
        this.threads = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "cdphub-health");
            t.setDaemon(true);
            return t;
        });
        this.store = new Probe<>(store::getAsBoolean, false, threads);
        this.broker = new Probe<>(broker::getAsBoolean, false, threads);
        this.disk = new Probe<>(() -> disk(disk, data), new Part("disk", false, true, data + ": not checked"),
                threads);
        this.connectors = connectors;
        this.timeout = timeout;
        this.data = data;
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
        CompletableFuture<Part> diskAnswer = disk.ask();
        List<Part> parts = new ArrayList<>();
        parts.add(required("store", storeAnswer, deadline, "takes writes",
                "does not take writes (cannot connect, or read-only)"));
        parts.add(required("broker", brokerAnswer, deadline, "takes connections", "refuses connections"));
        parts.add(answer(diskAnswer, deadline, new Part("disk", false, true, data + ": no answer within "
                + timeout.toMillis() + " ms")));
        parts.add(connectors());
        Status status = parts.stream().anyMatch(p -> p.required() && !p.up()) ? Status.DOWN
                : parts.stream().allMatch(Part::up) ? Status.UP : Status.DEGRADED;
        return new Health(status, parts);
    }

    private Part required(String name, CompletableFuture<Boolean> answer, long deadline, String up, String down) {
        Boolean ok = await(answer, deadline);
        return ok != null ? new Part(name, ok, true, ok ? up : down)
                : new Part(name, false, true, Thread.currentThread().isInterrupted() ? "not checked: interrupted"
                        : "no answer within " + timeout.toMillis() + " ms");
    }

    /** The answer, or {@code late} when there is none by the deadline. */
    private Part answer(CompletableFuture<Part> answer, long deadline, Part late) {
        Part part = await(answer, deadline);
        return part != null ? part : Thread.currentThread().isInterrupted()
                ? new Part(late.name(), false, late.required(), "not checked: interrupted") : late;
    }

    /** The answer by the deadline, or null (no answer, or interrupted; a probe's answer never fails). */
    private static <T> T await(CompletableFuture<T> answer, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Part disk(Disk disk, Path data) {
        try {
            DiskSpace space = disk.of(data);
            double used = space.total() <= 0 ? 0 : 1.0 - (double) space.usable() / space.total();
            boolean up = used < MAX_DISK_USED;
            String limit = up ? ""
                    : "; from " + Math.round(MAX_DISK_USED * 100) + " % an embedded broker takes no messages";
            return new Part("disk", up, true, String.format(Locale.ROOT, "%s: %s free of %s (%.1f %% used%s)", data,
                    size(space.usable()), size(space.total()), used * 100, limit));
        } catch (IOException | RuntimeException e) {
            return new Part("disk", false, true, data + ": cannot be read: " + e.getMessage());
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", bytes >> 20);
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

package org.cdphub.core.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Writes an H2 store's file through to the disk at a steady pace: {@code fdatasync} every interval.
 *
 * <p>H2 leaves what it writes in the operating system's page cache. Linux writes dirty pages out once they are 30
 * seconds old ({@code vm.dirty_expire_centisecs}), so under a steady load it writes half a minute of the store's
 * writes at once, several hundred megabytes at 2,000 events a second. Meanwhile the broker's journal, which syncs every
 * transaction, waits: its syncs took 160 to 270 ms every 31 seconds, and every stage's commit with them. Syncing the
 * store every second writes the same data in steps of a second's worth. PostgreSQL and H2 in memory need none of
 * this: {@link #start} returns a sync that does nothing for them.
 *
 * <p>The sync takes none of H2's locks: it forces the file through a read-only channel of its own. ({@code CHECKPOINT
 * SYNC} would sync under H2's store lock, and H2's writers wait for it.) The channel is never closed, one per store
 * file, and outlives this object: on Linux, closing any channel of a file releases the locks the process holds on it,
 * H2's lock against a second process opening the store included. When this class is unloaded (its bundle refreshed)
 * the JVM closes the channel once it collects it; Karaf's own lock on {@code data/} still keeps a second hub out.
 */
public final class StoreSync implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreSync.class.getName());

    /** The channels this class syncs store files through, never closed (see above). */
    private static final Map<Path, Opened> CHANNELS = new ConcurrentHashMap<>();

    private record Opened(FileChannel channel, Object fileKey) {
    }

    private final Path file;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean failing;

    private StoreSync(Path file, ScheduledExecutorService scheduler) {
        this.file = file;
        this.scheduler = scheduler;
    }

    /**
     * Starts syncing the store of {@code dataSource} every {@code interval} when it is an H2 database in a file on this
     * machine; otherwise, or with a zero interval, returns a sync that does nothing.
     *
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public static StoreSync start(DataSource dataSource, Duration interval) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        if (interval.isZero()) {
            return new StoreSync(null, null);
        }
        Optional<String> path;
        try {
            path = h2File(dataSource);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "not syncing the store: " + e.getMessage() + ": " + e.getCause());
            return new StoreSync(null, null);
        }
        if (path.isEmpty()) {
            return new StoreSync(null, null);
        }
        Path file = Path.of(path.get() + ".mv.db");
        if (!Files.isRegularFile(file)) { // a server's file elsewhere, or a file system of H2's own (nio:, split:)
            LOG.log(System.Logger.Level.INFO, "not syncing the H2 store: no file " + file + " on this machine");
            return new StoreSync(null, null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cdphub-store-sync");
            thread.setDaemon(true);
            return thread;
        });
        StoreSync sync = new StoreSync(file, scheduler);
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(sync::syncOnce, millis, millis, TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "syncing the H2 store " + file + " every " + interval);
        return sync;
    }

    /** The path H2 stores this database under (without {@code .mv.db}), when it is an H2 database in a file. */
    static Optional<String> h2File(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!Jdbc.isH2(c)) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select database_path()")) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot tell which database the store is in", e);
        }
    }

    /** Whether this sync runs (an H2 file store and an interval above zero). */
    public boolean active() {
        return scheduler != null;
    }

    /** Syncs done so far. */
    public long syncs() {
        return syncs.get();
    }

    /** Syncs that failed so far (the first of a series is logged; the next interval tries again). */
    public long failures() {
        return failures.get();
    }

    private void syncOnce() {
        try {
            channel(file).force(false);
            syncs.incrementAndGet();
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "store sync of " + file + " works again");
            }
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "store sync of " + file
                        + " failed, trying again every interval: " + e);
            }
        }
    }

    /** This JVM's channel of {@code file}, opened again when the path is another file now (a store created anew). */
    private static synchronized FileChannel channel(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Opened opened = CHANNELS.get(file);
        if (opened == null || key != null && !key.equals(opened.fileKey())) {
            opened = new Opened(FileChannel.open(file, StandardOpenOption.READ), key);
            CHANNELS.put(file, opened); // the one it replaces is of a deleted file: closed when the JVM collects it
        }
        return opened.channel();
    }

    /** Stops syncing (waits for a sync under way). */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

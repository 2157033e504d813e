package org.cdphub.assembly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency from a tracking event to the outbound request it causes (bench/latency.sh; a benchmark, not a test): boots a
 * copy of the distribution on free ports (embedded broker included), with one webhook instance POSTing membership
 * changes to {@link OutboundReceiver} and one segment that a single page view under /shoes enters; then, per run
 * {@code RATE:SECONDS}, {@link SteadySender} sends that many page views of new visitors, waits up to the drain time
 * for the outbound requests, and prints the run's figures. Stops the hub in every case.
 *
 * <p>Arguments: {@code <distribution> <work-dir> <markdown-out> [--drain S] [--clients N] [--in-flight N]
 * [--batch N] [--store H2|POSTGRESQL] [--warm-up RATE:SECONDS] RATE:SECONDS...}; {@code --batch}: events per
 * tracking request (see {@link SteadySender}); {@code --store}: the embedded H2 store (default) or a PostgreSQL schema
 * of the run's own ({@link SharedSchema}); {@code --warm-up}: a run before the measured ones, drained and not reported,
 * so that the JIT has compiled the path (the first check sends only 20 events). Per-run JSON lines go to stderr, one
 * summary JSON line to stdout.
 */
public final class LatencyBench {

    static final String SEGMENT = "latency-shoes";
    private static final Duration BOOT = Duration.ofSeconds(240);

    private LatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Path markdown = Path.of(args[2]);
        int drain = 60;
        int clients = 4;
        int inFlight = 256;
        int batch = 1;
        String store = "H2";
        int[] warmUpRun = null;
        List<int[]> runs = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--drain" -> drain = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--store" -> {
                    store = args[++i];
                    if (!store.equals("H2") && !store.equals("POSTGRESQL")) {
                        throw new IllegalArgumentException("--store: H2 or POSTGRESQL, not " + store);
                    }
                }
                case "--warm-up" -> warmUpRun = rateAndSeconds(args[++i]);
                default -> runs.add(rateAndSeconds(args[i]));
            }
        }
        String prefix = "lat-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        try (OutboundReceiver receiver = new OutboundReceiver(SEGMENT, prefix);
                SharedSchema schema = store.equals("POSTGRESQL") ? new SharedSchema() : null) {
            NodeConfig.Ports ports = NodeConfig.Ports.free();
            Karaf hub = prepare(distribution, work, ports, receiver.url());
            if (schema != null) {
                NodeConfig.storeOn(hub, schema);
            }
            Thread stopper = new Thread(() -> stopQuietly(hub));
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                hub.start();
                hub.await("cdp:connectors", out -> running(out, "web") && running(out, "webhook-latency"), BOOT);
                SteadySender sender = new SteadySender("http://127.0.0.1:" + ports.http(), "demo-write-key", clients,
                        inFlight, batch);
                warmUp(hub, sender, receiver, prefix);
                boolean postgres = schema != null;
                if (warmUpRun != null && warmUpRun[0] > 0 && warmUpRun[1] > 0) {
                    LatencyRun warm = run(hub, postgres, sender, receiver, prefix + "warm-", warmUpRun[0],
                            warmUpRun[1], drain);
                    System.err.println("warm-up (not reported): " + warm.json());
                }
                StringBuilder md = new StringBuilder(LatencyRun.markdownHeader());
                List<String> jsons = new ArrayList<>();
                for (int r = 0; r < runs.size(); r++) {
                    LatencyRun run = run(hub, postgres, sender, receiver, prefix + "r" + r + "-", runs.get(r)[0],
                            runs.get(r)[1], drain);
                    System.err.println(run.json());
                    Files.writeString(markdown.resolveSibling("run-" + r + "-per-second.tsv"), run.perSecond());
                    jsons.add(run.json());
                    md.append(run.markdownRow());
                }
                Files.writeString(markdown, md);
                System.out.println("{\"bench\":\"latency\",\"store\":\"" + store + "\",\"cores\":"
                        + Runtime.getRuntime().availableProcessors() + ",\"linuxWriteback\":" + writeback()
                        + ",\"otherOutbound\":" + receiver.others()
                        + ",\"runs\":[" + String.join(",", jsons) + "]}");
            } finally {
                stopQuietly(hub);
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        }
    }

    private static Karaf prepare(Path distribution, Path work, NodeConfig.Ports ports, String outbound)
            throws Exception {
        Karaf hub = Karaf.copy(distribution, work.resolve("hub"));
        NodeConfig.listenOn(hub, ports);
        NodeConfig.embeddedBrokerOn(hub, NodeConfig.freePort());
        Path etc = hub.home().resolve("etc");
        // the shipped file-writing webhook would be a second subscriber writing every change to disk: not measured
        Files.deleteIfExists(etc.resolve("org.cdphub.connector.webhook-demo.cfg"));
        Files.writeString(etc.resolve("org.cdphub.connector.webhook-latency.cfg"),
                "id = webhook-latency\nurl = " + outbound + "\nbatch.size = "
                        + System.getenv().getOrDefault("WEBHOOK_BATCH", "100") + "\n");
        Files.writeString(etc.resolve("segments/" + SEGMENT + ".yaml"), "name: " + SEGMENT + "\n"
                + "description: Viewed a page under /shoes at least once in the last 14 days (bench/latency.sh)\n"
                + "condition:\n  event: page\n  where: { path: { startsWith: /shoes } }\n  atLeast: 1\n"
                + "  within: P14D\n");
        return hub;
    }

    /**
     * The kernel's settings for writing out dirty pages ({@code vm.dirty_background_bytes}, {@code
     * vm.dirty_background_ratio}, {@code vm.dirty_expire_centisecs}) as a JSON object, null where unknown: with
     * Linux's defaults the pages PostgreSQL writes without syncing go out every 30 s in bursts that the broker's and
     * PostgreSQL's syncs wait behind (docs/benchmarks.md, session 33), so a run's tail depends on them.
     */
    static String writeback() {
        StringBuilder json = new StringBuilder("{");
        for (String key : List.of("dirty_background_bytes", "dirty_background_ratio", "dirty_expire_centisecs")) {
            String value;
            try {
                // one read from the start: a sysctl file answers a read at a later offset with nothing, so a
                // byte-by-byte read (Files.readString on a file of size 0) gets only the first digit
                String line = Files.readAllLines(Path.of("/proc/sys/vm/" + key)).get(0);
                value = String.valueOf(Long.parseLong(line.strip()));
            } catch (Exception e) {
                value = "null"; // not Linux
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":").append(value);
        }
        return json.append('}').toString();
    }

    /** {@code RATE:SECONDS} as two numbers. */
    private static int[] rateAndSeconds(String value) {
        String[] parts = value.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("RATE:SECONDS expected, not " + value);
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** A few events at a low rate until they come out the other end: the whole path works. */
    private static void warmUp(Karaf hub, SteadySender sender, OutboundReceiver receiver, String prefix)
            throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            String warm = prefix + "w" + attempt + "-";
            SteadySender.Sent sent = sender.run(warm, 20, 2);
            if (sent.ok() == sent.sentAt().length && awaitAll(receiver, warm, 40, 30)) {
                return;
            }
        }
        throw new IllegalStateException("no outbound request for the warm-up events; karaf.log:\n" + hub.logTail(60));
    }

    private static LatencyRun run(Karaf hub, boolean postgres, SteadySender sender, OutboundReceiver receiver,
            String runPrefix, int rate, int seconds, int drain) throws Exception {
        String before = load();
        Path pid = hub.home().resolve("karaf.pid");
        List<CpuSampler.Sample> readings;
        SteadySender.Sent sent;
        try (CpuSampler sampler = CpuSampler.start(pid, postgres)) {
            sent = sender.run(runPrefix, rate, seconds);
            awaitAll(receiver, runPrefix, sent.sentAt().length, drain);
            readings = sampler.stop();
        }
        return LatencyRun.of(rate, seconds, runPrefix, sent, receiver, drain, before, load(),
                CpuSampler.used(readings), readings);
    }

    /** Waits until the change of each of the run's n people arrived, at most {@code seconds}. */
    private static boolean awaitAll(OutboundReceiver receiver, String runPrefix, int n, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int from = 0;
        while (true) {
            while (from < n && receiver.arrival(SteadySender.id(runPrefix, from)) != null) {
                from++;
            }
            if (from == n) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
    }

    private static boolean running(String table, String id) {
        return table.lines().anyMatch(l -> l.trim().startsWith(id + " ") && l.contains("RUNNING"));
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    static void stopQuietly(Karaf hub) {
        try {
            if (hub.running()) {
                hub.stop();
            }
        } catch (Exception e) {
            System.err.println("could not stop the hub in " + hub.home() + ": " + e);
        }
    }
}

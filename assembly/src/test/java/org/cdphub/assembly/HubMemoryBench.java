package org.cdphub.assembly;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Heap and resident memory of the hub against the number of stored profiles (bench/hub-memory.sh; a benchmark, not a
 * test; issue 6, item 4). Per profile count N: boots a copy of the distribution on free ports once (it creates and
 * migrates its H2 store), stops it, writes N profiles straight into that store (documents like the segment bench's:
 * traits with provenance, orders, page views, a consent; an e-mail identifier each), forgets which segment
 * definitions were evaluated, and boots it again: the hub then evaluates its shipped segments for every profile (a
 * full evaluation, the heaviest segment work). Samples the hub's resident memory every second and its live heap after
 * a full collection ({@code jcmd GC.run}, {@code GC.heap_info}) during and after that evaluation. One JSON line per N
 * on stdout. The hub runs with the heap the bench scripts give it ({@code -Xmx512m}, see {@link Karaf#start}).
 *
 * <p>Arguments: {@code <distribution> <work-dir> N...}.
 */
public final class HubMemoryBench {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration SWEEP = Duration.ofMinutes(30);
    /** What {@code cdp:segments} prints while a full evaluation runs ({@code SegmentsCommand.FULL_EVALUATION}). */
    private static final String PENDING = "full evaluation under way";
    /** Each generation's or the whole heap's use in {@code GC.heap_info}, whatever the collector. */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private HubMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String store = "H2";
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--store")) {
                store = args[++i];
                if (!store.equals("H2") && !store.equals("POSTGRESQL")) {
                    throw new IllegalArgumentException("--store: H2 or POSTGRESQL, not " + store);
                }
            } else {
                System.out.println(run(distribution, work, Integer.parseInt(args[i]), store));
            }
        }
    }

    static String run(Path distribution, Path work, int profiles) throws Exception {
        return run(distribution, work, profiles, "H2");
    }

    /** One profile count on {@code store}: H2 (the embedded default) or POSTGRESQL (a schema of its own). */
    static String run(Path distribution, Path work, int profiles, String store) throws Exception {
        try (SharedSchema schema = store.equals("POSTGRESQL") ? new SharedSchema() : null) {
            return run(distribution, work, profiles, schema);
        }
    }

    private static String run(Path distribution, Path work, int profiles, SharedSchema schema) throws Exception {
        Karaf hub = Karaf.copy(distribution, work.resolve("hub-" + profiles));
        if (schema != null) {
            NodeConfig.storeOn(hub, schema);
        }
        int extra = Integer.parseInt(System.getenv().getOrDefault("EXTRA_SEGMENTS", "0"));
        for (int k = 0; k < extra; k++) {
            Files.writeString(hub.home().resolve("etc/segments/bench-" + k + ".yaml"), extraSegment(k));
        }
        NodeConfig.listenOn(hub, NodeConfig.Ports.free());
        NodeConfig.embeddedBrokerOn(hub, NodeConfig.freePort());
        Thread stopper = new Thread(() -> stopQuietly(hub));
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            hub.start();
            hub.await("cdp:segments", out -> out.contains("NAME") && !out.contains(PENDING), BOOT);
            hub.stop();
            long t0 = System.nanoTime();
            long storeMb;
            if (schema == null) {
                try (URLClassLoader loader = h2Driver(hub); Connection c = h2Store(hub, loader)) {
                    fill(c, profiles);
                }
                storeMb = sizeMb(hub.data().resolve("cdphub"));
            } else {
                try (Connection c = schema.connect()) {
                    fill(c, profiles);
                    storeMb = schemaMb(c);
                }
            }
            double fillSeconds = (System.nanoTime() - t0) / 1e9;

            hub.start();
            hub.await("cdp:segments", out -> out.contains("NAME"), BOOT);
            long pid = javaPid(hub);
            long started = System.nanoTime();
            long rssAtStart = rssMb(pid);
            long peakRss = rssAtStart;
            long heapDuring = -1;
            long rssDuring = -1;
            Instant deadline = Instant.now().plus(SWEEP);
            while (hub.client("cdp:segments").contains(PENDING)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the full evaluation did not end within " + SWEEP);
                }
                if (heapDuring < 0 && System.nanoTime() - started > 10_000_000_000L) {
                    heapDuring = liveHeapMb(pid); // ten seconds in: mid-way at a million profiles
                    rssDuring = rssMb(pid);
                }
                for (int s = 0; s < 5; s++) {
                    peakRss = Math.max(peakRss, rssMb(pid));
                    Thread.sleep(1000);
                }
            }
            double sweepSeconds = (System.nanoTime() - started) / 1e9;
            long heapAfter = liveHeapMb(pid);
            long rssAfter = rssMb(pid);
            String members = hub.client("cdp:segments");
            return String.format(Locale.ROOT, "{\"bench\":\"hub-memory\",\"store\":\"%s\",\"profiles\":%d,"
                    + "\"fillSeconds\":%.1f,\"storeMB\":%d,"
                    + "\"rssAtStartMB\":%d,\"liveHeapDuringEvaluationMB\":%d,\"rssDuringEvaluationMB\":%d,"
                    + "\"peakRssMB\":%d,\"evaluationSeconds\":%.0f,\"liveHeapAfterMB\":%d,\"rssAfterMB\":%d,"
                    + "\"segments\":\"%s\"}", schema == null ? "H2" : "POSTGRESQL", profiles, fillSeconds, storeMb,
                    rssAtStart, heapDuring, rssDuring, peakRss, sweepSeconds, heapAfter, rssAfter, counts(members));
        } finally {
            stopQuietly(hub);
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    private static void stopQuietly(Karaf hub) {
        try {
            if (hub.running()) {
                hub.stop();
            }
        } catch (Exception e) {
            System.err.println("could not stop the hub in " + hub.home() + ": " + e);
        }
    }

    /** Writes {@code n} profiles into the stopped hub's store. */
    private static void fill(Connection c, int n) throws Exception {
        c.setAutoCommit(false);
        Random random = new Random(42);
        Instant now = Instant.now();
        try (PreparedStatement profile = c.prepareStatement(
                "insert into cdp_profile (profile_id, created_at, updated_at, doc) values (?, ?, ?, ?)");
                PreparedStatement identifier = c.prepareStatement(
                        "insert into cdp_identifier (id_key, id_type, profile_id) values (?, 'email', ?)")) {
            for (int i = 0; i < n; i++) {
                String id = String.format("bench-%08d", i);
                java.sql.Timestamp created = java.sql.Timestamp.from(now.minus(Duration.ofDays(1 + i % 400)));
                profile.setString(1, id);
                profile.setTimestamp(2, created);
                profile.setTimestamp(3, created);
                profile.setString(4, document(id, i, random, now));
                profile.addBatch();
                identifier.setString(1, "email:person" + i + "@example.com");
                identifier.setString(2, id);
                identifier.addBatch();
                if (i % 5_000 == 4_999 || i == n - 1) {
                    profile.executeBatch();
                    identifier.executeBatch();
                    c.commit();
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("delete from cdp_segment_definition"); // the next boot evaluates every segment anew
        }
        c.commit();
    }

    /** A class loader holding the H2 driver the distribution ships. */
    static URLClassLoader h2Driver(Karaf hub) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.walk(hub.home().resolve("system/com/h2database/h2"))) {
            jar = files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    /** A connection to the embedded H2 store of a stopped hub, through {@code loader} (see {@link #h2Driver}). */
    static Connection h2Store(Karaf hub, URLClassLoader loader) throws Exception {
        Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        Properties login = new Properties();
        login.put("user", Karaf.USER);
        login.put("password", Karaf.PASSWORD);
        return driver.connect("jdbc:h2:file:" + hub.data().resolve("cdphub/store"), login);
    }

    private static final String[] COUNTRIES = {"NL", "BE", "DE", "FR", "GB", "ES", "IT", "US"};
    private static final String[] CITIES = {"Amsterdam", "Utrecht", "Rotterdam", "Antwerpen", "Berlin", "Paris"};
    private static final String[] PATHS = {"/shoes/run", "/shoes/trail", "/bags", "/sale", "/home", "/socks"};

    /**
     * Definition {@code k} of {@code EXTRA_SEGMENTS} (bench/hub-memory.sh): countries, order counts, spend ranges,
     * cities and page views in a window, in turn, so that a profile is in several of them.
     */
    static String extraSegment(int k) {
        String condition = switch (k % 5) {
            case 0 -> "{trait: country, equals: " + COUNTRIES[k / 5 % COUNTRIES.length] + "}";
            case 1 -> "{trait: orderCount, gte: " + (1 + k / 5 % 5) + "}";
            case 2 -> "{trait: totalSpend, between: [" + (k / 5 % 5 * 50) + ", " + (k / 5 % 5 * 50 + 150) + "]}";
            case 3 -> "{location: {city: " + CITIES[k / 5 % CITIES.length] + "}}";
            default -> "{event: page, atLeast: 1, within: P" + (7 + k / 5 % 4 * 7) + "D}";
        };
        return "name: bench-" + k + "\ncondition: " + condition + "\n";
    }

    /** A stored profile document as the merge writes one (the JSON of {@code org.cdphub.api.model.Profile}). */
    static String document(String id, int i, Random r, Instant now) {
        String seen = now.minus(Duration.ofDays(r.nextInt(400))).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        List<String> traits = new ArrayList<>();
        java.util.function.BiConsumer<String, String> put = (k, v) -> traits.add("\"" + k + "\":{\"value\":" + v
                + ",\"source\":\"bench\",\"sourceRecordId\":\"r" + i + "\",\"observedAt\":\"" + seen + "\"}");
        put.accept("birthDate", "\"" + LocalDate.of(1940 + r.nextInt(65), 1 + r.nextInt(12), 1 + r.nextInt(28))
                + "\"");
        put.accept("city", "\"" + CITIES[r.nextInt(CITIES.length)] + "\"");
        put.accept("country", "\"" + COUNTRIES[r.nextInt(COUNTRIES.length)] + "\"");
        put.accept("email", "\"person" + i + "@example.com\"");
        List<String> events = new ArrayList<>();
        int orders = r.nextInt(6);
        Instant last = null;
        for (int o = 0; o < orders; o++) {
            Instant at = now.minus(Duration.ofHours(1 + r.nextInt(24 * 365)));
            last = last == null || at.isAfter(last) ? at : last;
            events.add(event("order", at, "shop", i + "-o" + o, "{\"total\":" + (10 + r.nextInt(200))
                    + ",\"currency\":\"EUR\"}"));
        }
        if (last != null) {
            put.accept("orderCount", Integer.toString(orders));
            put.accept("totalSpend", Double.toString(50.0 * orders));
            put.accept("lastOrderAt", "\"" + last.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"");
        }
        int pages = r.nextInt(8);
        for (int p = 0; p < pages; p++) {
            events.add(event("page", now.minus(Duration.ofMinutes(1 + r.nextInt(60 * 24 * 30))), "web", i + "-v" + p,
                    "{\"path\":\"" + PATHS[r.nextInt(PATHS.length)] + "\"}"));
        }
        events.sort(java.util.Comparator.comparing(e -> e.substring(e.indexOf("\"occurredAt\"")))); // by time
        String consent = "{\"purpose\":\"marketing\",\"channel\":\"email\",\"status\":\""
                + (r.nextBoolean() ? "GRANTED" : "DENIED") + "\",\"updatedAt\":\"" + seen + "\",\"source\":\"bench\"}";
        return "{\"profileId\":\"" + id + "\",\"identifiers\":[{\"type\":\"email\",\"value\":\"person" + i
                + "@example.com\"}],\"traits\":{" + String.join(",", traits) + "},\"consents\":[" + consent
                + "],\"events\":[" + String.join(",", events) + "],\"segments\":[],\"aliases\":[],\"sources\":[],"
                + "\"createdAt\":\"" + seen + "\",\"updatedAt\":\"" + seen + "\"}";
    }

    private static String event(String type, Instant at, String source, String id, String properties) {
        return "{\"type\":\"" + type + "\",\"occurredAt\":\"" + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + "\",\"source\":\"" + source + "\",\"sourceEventId\":\"" + id + "\",\"properties\":" + properties
                + "}";
    }

    /** The hub's JVM: the java process whose command line names its home (karaf.pid may name a launcher). */
    private static long javaPid(Karaf hub) {
        String home = hub.home().toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("java")
                        && p.info().commandLine().orElse("").contains("-Dkaraf.home=" + home))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no java process of the hub in " + home));
    }

    /** Live heap after a full collection, from the JDK's {@code jcmd}. */
    private static long liveHeapMb(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        int metaspace = info.indexOf("Metaspace");
        Matcher m = USED.matcher(metaspace < 0 ? info : info.substring(0, metaspace)); // the heap's lines come first
        long kb = -1;
        while (m.find()) { // G1: one line for the heap; Serial or Parallel: one per generation
            kb = Math.max(kb, 0) + Long.parseLong(m.group(1));
        }
        return kb < 0 ? -1 : kb >> 10;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Resident memory of a process ({@code VmRSS}), or -1. */
    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Size of the tables and indexes of the connection's current schema (PostgreSQL). */
    private static long schemaMb(Connection c) throws Exception {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("select coalesce(sum("
                + "pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = current_schema() and c.relkind = 'r'")) {
            rs.next();
            return rs.getLong(1) >> 20;
        }
    }

    private static long sizeMb(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }

    /** {@code name=members} of each segment, from the console's table. */
    private static String counts(String table) {
        List<String> out = new ArrayList<>();
        for (String line : table.lines().toList()) {
            String[] cells = line.split("\\s*\\|\\s*");
            if (cells.length >= 3 && !cells[0].isBlank() && !cells[0].trim().equals("NAME")
                    && cells[2].trim().matches("\\d+")) {
                out.add(cells[0].trim() + "=" + cells[2].trim());
            }
        }
        return String.join(" ", out);
    }
}

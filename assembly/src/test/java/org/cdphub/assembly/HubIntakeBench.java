package org.cdphub.assembly;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end intake through the built distribution (bench/intake-hub.sh; a benchmark, not a test): boots a copy of the
 * distribution on free ports with its shipped configuration (embedded broker, demo segments and connectors), on the
 * embedded H2 store or on a PostgreSQL schema of its own, drops generated HubSpot and Salesforce contact exports of N
 * rows in all into the inboxes of the shipped crm-hubspot and crm-salesforce connectors at once and measures the time
 * from the drop until the merge stage has merged every row (its DEBUG log line per batch): CSV parsing, mapping, the
 * broker, the merge and the store, with the segment stage and the demo webhook running alongside as they do in the
 * hub. One JSON line per store on stdout. With the CPU seconds of the hub and of the local PostgreSQL (on H2 the hub
 * alone; a remote PostgreSQL is not counted) it gives the two phases of a run: until the connectors had read both
 * files ({@code readSeconds}, from the drop, so with the inbox's polling delay of a second or two) and after (the
 * stages, the broker and the store without the connectors), with the cores the hub and PostgreSQL kept busy on
 * average in each ({@link Phases}).
 *
 * <p>The rows (see {@link #generate}): two thirds of them people in HubSpot, one third the same people in Salesforce,
 * so that merging has work to do: N rows make about 2N/3 profiles. After a warm-up of W rows the store holds about
 * 2(N+W)/3 profiles and N+W fragments: the profile count and the plain insert (a rate) cover both.
 *
 * <p>Two limits, each measured with the hub stopped: {@link PlainInsert} (the issue's: a row a record, its key the
 * only index; {@code plainInsertRowsPerSecond} and {@code ratio}) and {@link StoreRowsInsert} (every row the store
 * holds for those records, in copies of its tables with their indexes: {@code storeRowsPlainInsertRecordsPerSecond},
 * {@code storeRowsRatio}, {@code storeRowsPerRecord} and the rows per table in {@code storeRows}). Each is measured
 * {@code cdphub.bench.limitRuns} times in a row (default 3; {@link RepeatedRate}): the ratios are taken against the
 * median, and every run's rate is in {@code plainInsertRuns} and {@code storeRowsPlainInsertRuns}.
 *
 * <p>Arguments: {@code <distribution> <work-dir> <records> <H2|POSTGRESQL>...}; system property
 * {@code cdphub.bench.warmup}: rows of other people merged before the measured ones (default 0, see
 * {@link #run(Path, Path, int, int, String)}); {@code cdphub.bench.stall}: seconds without a merged record before a run
 * gives up (default 120; longer for a run through a store outage).
 */
public final class HubIntakeBench {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration STALL = Duration.ofSeconds(Integer.getInteger("cdphub.bench.stall", 120));
    private static final Pattern MERGED = Pattern.compile("merged (\\d+) record\\(s\\) of source crm-");
    private static final String[] FIRST = {"Ann", "Oliver", "Mia", "Noah", "Emma", "Liam", "Sara", "Lucas", "Julia",
        "Daan", "Eva", "Finn", "Lotte", "Sem", "Tess", "Milan"};
    private static final String[] LAST = {"De Vries", "Jansen", "Bakker", "Visser", "Smit", "Wilson", "Brown",
        "Peters", "Mulder", "Bos", "Vos", "Dekker", "Meijer", "Kok", "Hendriks", "Wouters"};
    /** Number of the first person of a warm-up's exports: far from those of the measured ones. */
    private static final int WARMUP_PEOPLE = 5_000_000;
    private static final String[] CITY = {"Amsterdam", "Rotterdam", "Utrecht", "Antwerp", "London", "Leeds"};

    private HubIntakeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int records = Integer.parseInt(args[2]);
        int warmup = Integer.getInteger("cdphub.bench.warmup", 0);
        boolean everyRecord = true;
        for (int i = 3; i < args.length; i++) {
            String json = run(distribution, work, records, warmup, args[i]);
            System.out.println(json);
            everyRecord &= mergedEveryRecord(json, records);
        }
        if (!everyRecord) { // bench/intake-hub.sh keeps such a run's work directory whole
            System.err.println("not every record was merged in every store (see the JSON lines)");
            System.exit(3);
        }
    }

    /** Whether a run's line counts every record merged (more is possible: a redelivered batch is logged again). */
    static boolean mergedEveryRecord(String json, int records) {
        java.util.regex.Matcher merged = java.util.regex.Pattern.compile("\"merged\":(\\d+)").matcher(json);
        return merged.find() && Long.parseLong(merged.group(1)) >= records;
    }

    /** One run on {@code store} (H2 or POSTGRESQL): its JSON line. */
    static String run(Path distribution, Path work, int records, String store) throws Exception {
        return run(distribution, work, records, 0, store);
    }

    /**
     * One run on {@code store} after a warm-up: {@code warmup} rows of other people are merged first, and the hub left
     * to settle, so that the figure is that of a hub that has run for a while (its code compiled) rather than one just
     * started. 0: no warm-up.
     */
    static String run(Path distribution, Path work, int records, int warmup, String store) throws Exception {
        Path hubspot = work.resolve("hubspot-" + records + ".csv");
        Path salesforce = work.resolve("salesforce-" + records + ".csv");
        generate(hubspot, salesforce, records, 0, 42);
        Map<String, Path> warm = Map.of();
        if (warmup > 0) {
            Path warmHubspot = work.resolve("warmup-hubspot-" + warmup + ".csv");
            Path warmSalesforce = work.resolve("warmup-salesforce-" + warmup + ".csv");
            generate(warmHubspot, warmSalesforce, warmup, WARMUP_PEOPLE, 43);
            warm = Map.of("crm-hubspot", warmHubspot, "crm-salesforce", warmSalesforce);
        }
        return run(distribution, work.resolve(store.toLowerCase(Locale.ROOT)),
                Map.of("crm-hubspot", hubspot, "crm-salesforce", salesforce), records, warm, warmup, store);
    }

    private static String run(Path distribution, Path work, Map<String, Path> exports, int records,
            Map<String, Path> warmExports, int warmup, String store) throws Exception {
        SharedSchema schema = store.equals("POSTGRESQL") ? new SharedSchema() : null;
        Karaf hub = Karaf.copy(distribution, work.resolve("hub"));
        NodeConfig.Ports ports = NodeConfig.Ports.free();
        NodeConfig.listenOn(hub, ports);
        NodeConfig.embeddedBrokerOn(hub, NodeConfig.freePort());
        if (schema != null) {
            NodeConfig.storeOn(hub, schema);
        }
        NodeConfig.logMerges(hub);
        Thread stopper = new Thread(() -> LatencyBench.stopQuietly(hub));
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            hub.start();
            hub.await("cdp:connectors", out -> exports.keySet().stream().allMatch(id -> out.lines()
                    .anyMatch(l -> l.trim().startsWith(id + " ") && l.contains("RUNNING"))), BOOT);
            Path logs = hub.home().resolve("data/log");
            Path pid = hub.home().resolve("karaf.pid");
            if (warmup > 0) {
                Map<Path, Path> warmDrops = stage(hub, warmExports, "warmup.csv");
                drop(warmDrops);
                long warmed = awaitMerged(logs, warmup, 0, warmDrops.values(), null, false).merged();
                if (warmed < warmup) {
                    throw new IllegalStateException("warm-up: only " + warmed + " of " + warmup + " records merged");
                }
                settle(pid);
            }
            Map<Path, Path> drops = stage(hub, exports, "contacts.csv");
            long before = merged(logs); // the warm-up's, as logged (a redelivered batch is logged again)
            String loadBefore = LatencyBench.load();
            long walBefore = schema != null ? walBytes(schema) : -1; // its connection's start not in cpuBefore..after
            Cpu cpuBefore = Cpu.now(pid, schema != null);
            long t0 = System.nanoTime();
            drop(drops);
            Progress progress = awaitMerged(logs, records, before, drops.values(), pid, schema != null);
            long merged = progress.merged();
            if (merged < records) {
                System.err.println("only " + merged + " of " + records + " records merged; connectors:\n"
                        + hub.client("cdp:connectors"));
            }
            Cpu cpuAfter = Cpu.now(pid, schema != null);
            long walAfter = schema != null ? walBytes(schema) : -1;
            long end = System.nanoTime();
            double seconds = (end - t0) / 1e9;
            Cpu cpu = cpuAfter.minus(cpuBefore);
            Read read = progress.read();
            if (read == null && awaitDone(drops.values(), Duration.ofSeconds(5))) {
                read = new Read(end, cpuAfter); // moved just after the last merge: reading took the whole run
            }
            Phases phases = Phases.of(read, t0, end, cpuBefore, cpuAfter);
            long rss = rssMb(pid);
            String loadAfter = LatencyBench.load();
            LatencyBench.stopQuietly(hub); // the plain insert runs alone, into the same database
            long profiles;
            Limits limits;
            if (schema != null) {
                profiles = count(schema, "cdp_profile");
                try (var c = schema.connect()) {
                    limits = limits(c);
                }
            } else {
                try (var loader = HubMemoryBench.h2Driver(hub); var c = HubMemoryBench.h2Store(hub, loader)) {
                    profiles = count(c, "cdp_profile");
                    limits = limits(c);
                }
            }
            double perSecond = merged / seconds;
            double plain = limits.plain().median();
            StoreRowsInsert.Result storeRows = limits.storeRows();
            long stored = storeRows.rows().getOrDefault("cdp_fragment", 0L); // a fragment a record, warm-up's too
            double storePlain = limits.storeRowsRate().median();
            return String.format(Locale.ROOT, "{\"bench\":\"intake-hub\",\"store\":\"%s\",\"records\":%d,"
                    + "\"merged\":%d,\"seconds\":%.1f,\"recordsPerSecond\":%.0f,\"profiles\":%d,"
                    + "\"plainInsertRowsPerSecond\":%.0f,\"ratio\":%.4f,\"hubRssMB\":%d,\"loadBefore\":\"%s\","
                    + "\"loadAfter\":\"%s\",\"hubCpuSeconds\":%.2f,\"postgresCpuSeconds\":%.2f,"
                    + "\"cpuMicrosPerRecord\":%.0f,\"warmupRecords\":%d,\"readSeconds\":%.1f,"
                    + "\"coresBusyReading\":%.2f,\"coresBusyAfterReading\":%.2f,"
                    + "\"storeRowsPlainInsertRecordsPerSecond\":%.0f,\"storeRowsRatio\":%.4f,"
                    + "\"storeRowsPerRecord\":%.2f,\"storeRows\":%s,\"plainInsertRuns\":%s,"
                    + "\"storeRowsPlainInsertRuns\":%s,\"postgresWalBytesPerRecord\":%.0f,"
                    + "\"storeRowsPostgresCpuMicrosPerRecord\":%.1f}", store, records, merged,
                    seconds, perSecond, profiles, plain, plain > 0 ? perSecond / plain : 0, rss, loadBefore, loadAfter,
                    cpu.hub(), cpu.postgres(), merged > 0 ? (cpu.hub() + cpu.postgres()) * 1e6 / merged : 0, warmup,
                    phases.readSeconds(), phases.coresReading(), phases.coresAfter(), storePlain > 0 ? storePlain : -1,
                    storePlain > 0 ? perSecond / storePlain : -1, stored > 0 ? (double) storeRows.total() / stored : -1,
                    storeRows.json(), limits.plain().json(), limits.storeRowsRate().json(),
                    schema != null && merged > 0 ? (walAfter - walBefore) / (double) merged : -1,
                    storeRows.postgresSeconds() >= 0 && stored > 0 ? storeRows.postgresSeconds() * 1e6 / stored : -1);
        } finally {
            LatencyBench.stopQuietly(hub);
            Runtime.getRuntime().removeShutdownHook(stopper);
            if (schema != null) {
                schema.close();
            }
        }
    }

    /**
     * PostgreSQL's write-ahead log position in bytes: what the server wrote for a run, a steadier figure than records a
     * second on a machine whose speed drifts (the whole server's, like its CPU: the machine is meant to be otherwise
     * idle).
     */
    private static long walBytes(SharedSchema schema) throws Exception {
        try (var c = schema.connect()) {
            return single(c, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        }
    }

    /**
     * The two limits, each measured {@link RepeatedRate#times()} times in a row (the first limit's runs, then the
     * second's): the plain insert's rows a second, and every stored row's plain insert in records a second with the
     * rows, and the local PostgreSQL server's CPU, of the last run that copied any.
     */
    private record Limits(RepeatedRate plain, RepeatedRate storeRowsRate, StoreRowsInsert.Result storeRows) {
    }

    private static Limits limits(java.sql.Connection c) throws Exception {
        int times = RepeatedRate.times();
        RepeatedRate plain = RepeatedRate.measure(times, () -> PlainInsert.rowsPerSecond(c));
        StoreRowsInsert.Result[] last = {new StoreRowsInsert.Result(Map.of(), 0)};
        RepeatedRate storeRows = RepeatedRate.measure(times, () -> {
            StoreRowsInsert.Result result = storeRows(c);
            if (result.total() > 0) {
                last[0] = result;
            }
            return result.recordsPerSecond(result.rows().getOrDefault("cdp_fragment", 0L));
        });
        return new Limits(plain, storeRows, last[0]);
    }

    /** The second limit; a failure of it costs only its figures (-1, "not measured"), not the run's. */
    private static StoreRowsInsert.Result storeRows(java.sql.Connection c) {
        try {
            return StoreRowsInsert.run(c);
        } catch (java.sql.SQLException e) {
            System.err.println("the plain insert of every stored row failed: " + e);
            return new StoreRowsInsert.Result(Map.of(), 0);
        }
    }

    /** Copies the exports next to their connectors' inboxes, to be moved in as {@code name} at once by {@link #drop}. */
    private static Map<Path, Path> stage(Karaf hub, Map<String, Path> exports, String name) throws Exception {
        Map<Path, Path> drops = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Path> export : exports.entrySet()) {
            Path inbox = hub.home().resolve("data/inbox/" + export.getKey());
            Files.createDirectories(inbox);
            Path staged = hub.home().resolve("data/" + export.getKey() + "-" + name + ".tmp");
            Files.copy(export.getValue(), staged, StandardCopyOption.REPLACE_EXISTING);
            drops.put(staged, inbox.resolve(name));
        }
        return drops;
    }

    private static void drop(Map<Path, Path> drops) throws Exception {
        for (Map.Entry<Path, Path> drop : drops.entrySet()) {
            Files.move(drop.getKey(), drop.getValue(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * When the connectors had read the dropped files ({@link System#nanoTime}), and the CPU used by then (null when not
     * sampled).
     */
    private record Read(long at, Cpu cpu) {
    }

    /** How far a run got: records merged, and when the connectors had read the dropped files (null: not seen). */
    private record Progress(long merged, Read read) {
    }

    /**
     * The two phases of a run: until the connectors had read both files (they share the cores with the rest of the
     * hub) and after; -1 for what was not seen (the files never reached {@code .done}), and for the cores after reading
     * when that phase was under a second (too short for the CPU counters' ticks).
     */
    private record Phases(double readSeconds, double coresReading, double coresAfter) {

        static Phases of(Read read, long start, long end, Cpu before, Cpu after) {
            if (read == null || read.cpu() == null) {
                return new Phases(-1, -1, -1);
            }
            double reading = (read.at() - start) / 1e9;
            double rest = (end - read.at()) / 1e9;
            return new Phases(reading, busyCores(read.cpu().minus(before), reading),
                    rest >= 1 ? busyCores(after.minus(read.cpu()), rest) : -1);
        }
    }

    /**
     * Waits until {@code records} more than {@code before} records are merged, or none was for {@link #STALL} (rows
     * dead-lettered or the hub stuck); notes when every {@code dropped} file had reached its inbox's {@code .done}
     * (the CSV connector moves a file there once it has sent every row; polled every 250 ms, so up to that late), and
     * the CPU used by then ({@code pidFile} null: not sampled).
     */
    private static Progress awaitMerged(Path logs, long records, long before, java.util.Collection<Path> dropped,
            Path pidFile, boolean postgresToo) throws Exception {
        long merged = 0;
        Read read = null;
        long progressAt = System.nanoTime();
        while (merged < records && System.nanoTime() - progressAt < STALL.toNanos()) {
            Thread.sleep(250);
            if (read == null && done(dropped)) {
                read = readNow(pidFile, postgresToo);
            }
            long now = merged(logs) - before;
            if (now > merged) {
                merged = now;
                progressAt = System.nanoTime();
            }
        }
        if (read == null && done(dropped)) { // moved between the last look and the last count
            read = readNow(pidFile, postgresToo);
        }
        return new Progress(merged, read);
    }

    private static Read readNow(Path pidFile, boolean postgresToo) {
        Cpu cpu = pidFile == null ? null : Cpu.now(pidFile, postgresToo);
        return new Read(System.nanoTime(), cpu);
    }

    /** Whether every dropped file has reached its inbox's {@code .done}: read and every row sent. */
    private static boolean done(java.util.Collection<Path> dropped) {
        return dropped.stream().allMatch(f -> Files.exists(f.resolveSibling(".done").resolve(f.getFileName())));
    }

    /** Waits up to {@code most} for {@link #done}. */
    private static boolean awaitDone(java.util.Collection<Path> dropped, Duration most) throws Exception {
        long until = System.nanoTime() + most.toNanos();
        while (!done(dropped) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return done(dropped);
    }

    /** Cores the hub and the local PostgreSQL kept busy on average over {@code seconds} (0 for no time). */
    private static double busyCores(Cpu used, double seconds) {
        return seconds > 0 ? (used.hub() + used.postgres()) / seconds : 0;
    }

    /**
     * After the warm-up: waits until the hub is quiet (under a tenth of a core for two seconds in a row: the segment
     * stage, the outbound connectors and the compiler have caught up), at most 2 minutes.
     */
    private static void settle(Path pidFile) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        double last = Cpu.now(pidFile, false).hub();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < until) {
            Thread.sleep(1000);
            double now = Cpu.now(pidFile, false).hub();
            quiet = now - last < 0.1 ? quiet + 1 : 0;
            last = now;
        }
        if (quiet < 2) {
            System.err.println("warm-up: the hub was not quiet after 2 minutes; measuring anyway");
        }
    }

    /** Records merged so far, from the merge stage's DEBUG lines in every karaf.log file. */
    private static long merged(Path logs) throws Exception {
        long sum = 0;
        try (var files = Files.list(logs)) {
            for (Path log : (Iterable<Path>) files::iterator) {
                if (log.getFileName().toString().startsWith("karaf.log")) {
                    try (var lines = Files.lines(log)) {
                        sum += lines.mapToLong(l -> {
                            Matcher m = MERGED.matcher(l);
                            return m.find() ? Long.parseLong(m.group(1)) : 0;
                        }).sum();
                    }
                }
            }
        }
        return sum;
    }

    /**
     * Writes the two exports of {@code records} rows in all: every person in HubSpot, every other one in Salesforce
     * too (the same e-mail address and mobile number, the name in capitals now and then).
     */
    static void generate(Path hubspot, Path salesforce, int records) throws Exception {
        generate(hubspot, salesforce, records, 0, 42);
    }

    /** As {@link #generate(Path, Path, int)}, the people numbered from {@code firstPerson} on. */
    static void generate(Path hubspot, Path salesforce, int records, int firstPerson, long seed) throws Exception {
        if (Files.exists(hubspot) && Files.exists(salesforce)) {
            return;
        }
        Files.createDirectories(hubspot.getParent());
        Random random = new Random(seed);
        try (BufferedWriter hs = Files.newBufferedWriter(hubspot);
                BufferedWriter sf = Files.newBufferedWriter(salesforce)) {
            hs.write("Record ID,First Name,Last Name,Email,Phone Number,City,Country/Region,Last Modified Date\n");
            sf.write("Id,FirstName,LastName,Email,MobilePhone,MailingCountry,LastModifiedDate\n");
            int row = 0;
            for (int person = firstPerson; row < records; person++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String city = CITY[random.nextInt(CITY.length)];
                String country = city.equals("London") || city.equals("Leeds") ? "GB"
                        : city.equals("Antwerp") ? "BE" : "NL";
                String email = first.toLowerCase(Locale.ROOT) + "." + last.replace(" ", "").toLowerCase(Locale.ROOT)
                        + person + "@example.com";
                String phone = String.format(Locale.ROOT, "+3161%07d", person); // a valid Dutch mobile number
                hs.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,2025-%02d-%02d 10:%02d\n",
                        60_000_000_000L + person, first, last, email, phone, city, country, 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(60)));
                row++;
                if (person % 2 == 0 && row < records) {
                    sf.write(String.format(Locale.ROOT, "0035g%013d,%s,%s,%s,%s,%s,2025-%02d-%02dT09:%02d:00.000Z\n",
                            person, random.nextInt(4) == 0 ? first.toUpperCase(Locale.ROOT) : first, last, email,
                            phone, country, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(60)));
                    row++;
                }
            }
        }
    }

    private static long count(SharedSchema schema, String table) throws Exception {
        try (var c = schema.connect()) {
            return count(c, table);
        }
    }

    private static long count(java.sql.Connection c, String table) throws Exception {
        return single(c, "select count(*) from " + table);
    }

    /** The one number {@code sql} selects. */
    private static long single(java.sql.Connection c, String sql) throws Exception {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rssMb(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).strip();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not on Linux, or the hub is gone
        }
        return -1;
    }
}

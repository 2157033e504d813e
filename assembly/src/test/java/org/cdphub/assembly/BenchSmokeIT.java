package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark harnesses of bench/ at a smoke size, so that they cannot rot: bench/intake-hub.sh ({@link
 * HubIntakeBench}, 300 rows and the plain insert of them, on the embedded store and on PostgreSQL), bench/latency.sh
 * ({@link LatencyBench}, 20 events/s for 3 s), bench/hub-memory.sh ({@link HubMemoryBench}, 800 profiles, on both
 * stores) and bench/all.sh's verdicts ({@link BenchSummary}). What they measure is not asserted, only that every
 * record and every event made it through and every written profile was evaluated. The scripts' own javac lists are
 * compiled too, each alone, since the runs here use Maven's class path.
 */
class BenchSmokeIT {

    private final Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
    private final Path work = Path.of(System.getProperty("cdphub.work", "target/it")).resolve("bench-smoke");

    @Test
    void theIntakeHarnessSeesEveryRowMerged() throws Exception {
        String json = HubIntakeBench.run(distribution, work.resolve("intake"), 300, "H2");
        assertThat(json).contains("\"bench\":\"intake-hub\"").contains("\"records\":300").contains("\"merged\":300")
                .as("2N/3 people: every other one in both exports").contains("\"profiles\":200");
        java.util.regex.Matcher plain = java.util.regex.Pattern.compile("\"plainInsertRowsPerSecond\":(\\d+)")
                .matcher(json);
        assertThat(plain.find()).as(json).isTrue();
        assertThat(Long.parseLong(plain.group(1))).as("the plain insert of the 300 stored fragments ran").isPositive();
        assertThat(number(json, "postgresWalBytesPerRecord")).as("no PostgreSQL: " + json).isEqualTo(-1);
        assertThat(number(json, "storeRowsPostgresCpuMicrosPerRecord")).as("no PostgreSQL: " + json).isEqualTo(-1);
        assertThat(HubIntakeBench.mergedEveryRecord(json, 300)).as("bench/intake-hub.sh prunes this run").isTrue();
        assertThat(HubIntakeBench.mergedEveryRecord(json.replace("\"merged\":300", "\"merged\":299"), 300))
                .as("one record short: the run is kept whole").isFalse();
        assertThat(HubIntakeBench.mergedEveryRecord(json.replace("\"merged\":300", "\"merged\":301"), 300))
                .as("a redelivered batch logged again").isTrue();
        assertTwoPhases(json);
        assertStoreRowsCopied(json, 300, 200);
    }

    /**
     * A disk nearly as full as the broker's limit is refused before a hub is copied onto it, with what to do; the
     * broker (95 %) would otherwise take nothing and the run would only time out.
     */
    @Test
    void aHubIsNotCopiedOntoANearlyFullDisk() throws Exception {
        int limit = Karaf.brokerDiskLimit(distribution.resolve("etc/artemis.xml"));
        assertThat(limit).as("the distribution's max-disk-usage").isEqualTo(95);
        long total = 100L * 1024 * 1024 * 1024;
        assertThat(Karaf.diskTooFull(work, total / 5, total, limit)).as("80 % used").isNull();
        assertThat(Karaf.diskTooFull(work, total / 10, total, limit)).as("90 % used").contains("90 % full")
                .contains("10,240 MB free").contains("above 95 %").contains("below 85 %");
        assertThat(Karaf.diskTooFull(work, total / 100 * 15, total, 90)).as("85 % used, a broker limited to 90 %")
                .contains("85 % full").contains("above 90 %").contains("below 80 %");
        Files.createDirectories(work);
        assertThatCode(() -> Karaf.checkDisk(work, limit)).as("this machine's disk").doesNotThrowAnyException();
    }

    @Test
    void theIntakeHarnessRunsOnPostgresqlToo() throws Exception {
        // with a warm-up of 150 rows of other people first: 100 profiles more, not counted as merged
        String json = HubIntakeBench.run(distribution, work.resolve("intake-pg"), 300, 150, "POSTGRESQL");
        assertThat(json).contains("\"store\":\"POSTGRESQL\"").contains("\"merged\":300")
                .contains("\"profiles\":300").contains("\"warmupRecords\":150");
        java.util.regex.Matcher plain = java.util.regex.Pattern.compile("\"plainInsertRowsPerSecond\":(\\d+)")
                .matcher(json);
        assertThat(plain.find()).as(json).isTrue();
        assertThat(Long.parseLong(plain.group(1))).isPositive();
        assertThat(number(json, "hubCpuSeconds")).as("the hub's CPU while it took the rows in").isPositive();
        assertThat(number(json, "postgresCpuSeconds")).as("the server's CPU: 0 when it is not local").isNotNegative();
        assertThat(number(json, "postgresWalBytesPerRecord")).as("the WAL the server wrote for a record: " + json)
                .isGreaterThan(100);
        assertThat(number(json, "storeRowsPostgresCpuMicrosPerRecord"))
                .as("the server's CPU in the plain insert of every stored row (ticks of 10 ms: maybe 0 here): " + json)
                .isNotNegative();
        assertTwoPhases(json);
        assertStoreRowsCopied(json, 450, 300);
    }

    /**
     * Every stored row was copied by the second plain insert: a fragment per record (the warm-up's too), a profile per
     * person, an identifier row per distinct identifier (at least the e-mail address of each person), so more rows
     * than records in all.
     */
    private static void assertStoreRowsCopied(String json, int fragments, int profiles) {
        assertThat(number(json, "cdp_fragment")).as(json).isEqualTo(fragments);
        assertThat(number(json, "cdp_profile")).as(json).isEqualTo(profiles);
        assertThat(number(json, "cdp_identifier")).as(json).isGreaterThanOrEqualTo(profiles);
        assertThat(number(json, "storeRowsPerRecord")).as(json).isGreaterThan(1.5);
        assertThat(number(json, "storeRowsPlainInsertRecordsPerSecond")).as(json).isPositive();
        assertThat(number(json, "storeRowsRatio")).as(json).isPositive();
        assertThat(BenchSummary.numbers(json, "plainInsertRuns")).as("each limit measured several times: " + json)
                .hasSize(RepeatedRate.times()).contains(number(json, "plainInsertRowsPerSecond"));
        assertThat(BenchSummary.numbers(json, "storeRowsPlainInsertRuns")).as(json)
                .hasSize(RepeatedRate.times()).contains(number(json, "storeRowsPlainInsertRecordsPerSecond"));
    }

    /** The connectors were seen to finish reading (-1: never), within the run, with the hub busy meanwhile. */
    private static void assertTwoPhases(String json) {
        assertThat(number(json, "readSeconds")).as(json).isPositive().isLessThanOrEqualTo(number(json, "seconds"));
        assertThat(number(json, "coresBusyReading")).as(json).isPositive();
    }

    private static double number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theMemoryHarnessRunsOnPostgresqlToo() throws Exception {
        String json = HubMemoryBench.run(distribution, work.resolve("memory-pg"), 800, "POSTGRESQL");
        assertThat(json).contains("\"store\":\"POSTGRESQL\"").contains("\"profiles\":800")
                .contains("nl-customers=");
    }

    @Test
    void theMemoryHarnessSeesEveryWrittenProfileEvaluated() throws Exception {
        String json = HubMemoryBench.run(distribution, work.resolve("memory"), 800);
        System.out.println(json);
        assertThat(json).contains("\"profiles\":800");
        java.util.regex.Matcher nl = java.util.regex.Pattern.compile("nl-customers=(\\d+)").matcher(json);
        assertThat(nl.find()).as(json).isTrue();
        assertThat(Integer.parseInt(nl.group(1))).as("about one in eight written profiles is Dutch").isBetween(60, 150);
        java.util.regex.Matcher heap = java.util.regex.Pattern.compile("\"liveHeapAfterMB\":(\\d+)").matcher(json);
        assertThat(heap.find()).as(json).isTrue();
        assertThat(Integer.parseInt(heap.group(1))).isPositive();
    }

    @Test
    void theLatencyHarnessSeesEveryEventComeOut() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LatencyBench.main(new String[] {distribution.toString(), work.resolve("latency").toString(),
                work.resolve("latency.md").toString(), "--drain", "60", "20:3"});
        } finally {
            System.setOut(stdout);
        }
        String json = captured.toString(StandardCharsets.UTF_8);
        stdout.println(json);
        assertThat(json).contains("\"bench\":\"latency\"").contains("\"sent\":60").contains("\"never\":0");
        assertThat(json).as("the kernel's writeback settings the run had").containsPattern(
                "\"linuxWriteback\":\\{\"dirty_background_bytes\":\\d+,\"dirty_background_ratio\":\\d+,"
                        + "\"dirty_expire_centisecs\":\\d+\\}");
        String expire = Files.readAllLines(Path.of("/proc/sys/vm/dirty_expire_centisecs")).get(0).strip();
        assertThat(json).as("the whole value, not its first digit")
                .contains("\"dirty_expire_centisecs\":" + expire + "}");
        assertThat(number(json, "hubCpuMicrosPerEvent")).as("the hub's CPU over the run, per event").isPositive();
        assertThat(number(json, "benchCpuMicrosPerEvent")).as("the load generator's own CPU, per event").isPositive();
        assertThat(number(json, "postgresCpuMicrosPerEvent")).as("0 on the embedded store").isZero();
        List<String> seconds = Files.readAllLines(work.resolve("run-0-per-second.tsv"));
        assertThat(seconds.get(0)).isEqualTo(
                "second\tutc\tevents\tarrived\tp50Ms\tp99Ms\tmaxMs\thubCores\tpostgresCores\tbenchCores\tdirtyMB");
        assertThat(seconds).as("a line per second of the 3-s run (a late send may open a fourth)").hasSizeBetween(4, 5);
        int events = 0;
        for (String line : seconds.subList(1, seconds.size())) {
            String[] f = line.split("\t");
            assertThat(f[1]).as(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
            events += Integer.parseInt(f[2]);
            assertThat(Double.parseDouble(f[7])).as("the hub's cores about then: " + line).isPositive();
            assertThat(Double.parseDouble(f[8])).as("no PostgreSQL on the embedded store: " + line).isZero();
            assertThat(Long.parseLong(f[10])).as("the machine's dirty page cache (MB): " + line).isNotNegative();
        }
        assertThat(events).as("every event in its second").isEqualTo(60);
    }

    /**
     * bench/prune-work.sh, which the scripts run on a work directory whose run succeeded: the inputs and each hub
     * copy's bundles, store, journal and cache go (gigabytes a large run), its logs, configuration and the run's
     * figures stay; {@code KEEP_WORK=1} keeps everything.
     */
    @Test
    void aFinishedRunKeepsItsLogsAndFiguresOnly(@TempDir Path temp) throws Exception {
        Path script = repository().resolve("bench/prune-work.sh");
        Path out = temp.resolve("bench runs"); // a space in the path: split, it would name another directory
        List<String> kept = List.of("intake.jsonl", "classes/org/cdphub/assembly/Karaf.class",
                "h2/hub/etc/org.cdphub.store.cfg", "h2/hub/data/log/karaf.log", "h2/hub/start.log",
                "h2/hub/console.log");
        List<String> pruned = List.of("hubspot-300.csv", "h2/hub/bin/start", "h2/hub/system/h2.jar", "h2/hub/karaf.pid",
                "h2/hub/data/cdphub/store.mv.db", "h2/hub/data/artemis/journal/a.amq", "h2/hub/data/cache/b.jar",
                "h2/hub/data/inbox/crm-hubspot/x.csv");
        for (String file : concat(kept, pruned)) {
            Files.createDirectories(out.resolve(file).getParent());
            Files.writeString(out.resolve(file), file);
        }
        Files.createDirectories(temp.resolve("bench/data/cdphub"));
        Files.writeString(temp.resolve("bench/data/cdphub/other.mv.db"), "not the run's");
        assertThat(prune(script, out, "1", 0)).as("KEEP_WORK=1").contains("kept whole");
        assertThat(concat(kept, pruned)).allMatch(f -> Files.exists(out.resolve(f)));
        assertThat(prune(script, out.resolve("h2"), "0", 2)).as("not a benchmark's work directory")
                .contains("no classes/");
        assertThat(concat(kept, pruned)).allMatch(f -> Files.exists(out.resolve(f)));
        assertThat(prune(script, out, "0", 0)).contains("pruned " + out);
        assertThat(kept).allMatch(f -> Files.exists(out.resolve(f)));
        assertThat(pruned).noneMatch(f -> Files.exists(out.resolve(f)));
        assertThat(temp.resolve("bench/data/cdphub/other.mv.db")).as("outside the work directory").exists();
    }

    private static String prune(Path script, Path work, String keep, int exit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), work.toString()).redirectErrorStream(true);
        pb.environment().put("KEEP_WORK", keep);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isEqualTo(exit);
        return output;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Path repository() {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath(); // failsafe runs in assembly/
        while (root != null && !Files.exists(root.resolve("bench/all.sh"))) {
            root = root.getParent();
        }
        assertThat(root).as("bench/ above " + System.getProperty("user.dir")).isNotNull();
        return root;
    }

    /**
     * The scripts compile their harness with the JDK's javac from a list of source files (no Maven run): the files a
     * script names must be all it needs. They are compiled here alone, with an empty class path, so a file missing
     * from a list fails here rather than when the script is next run (the tests above use Maven's class path).
     */
    @ParameterizedTest
    @ValueSource(strings = {"intake-hub.sh", "latency.sh", "hub-memory.sh", "all.sh"})
    void aScriptsHarnessCompilesFromTheFilesItNames(String script, @TempDir Path out) throws Exception {
        Path root = repository();
        String text = Files.readString(root.resolve("bench").resolve(script)).replace("\\\n", " ");
        Matcher javac = Pattern.compile("(?m)^javac -d \\S+ (.*)$").matcher(text);
        assertThat(javac.find()).as("a javac line in " + script).isTrue();
        List<String> args = new ArrayList<>(List.of("-d", out.resolve("classes").toString(), "-proc:none",
                "-classpath", out.toString()));
        Matcher file = Pattern.compile("\"?(\\$src|assembly/src/test/java/org/cdphub/assembly)/(\\w+\\.java)\"?")
                .matcher(javac.group(1));
        Path sources = root.resolve("assembly/src/test/java/org/cdphub/assembly");
        int named = 0;
        for (; file.find(); named++) {
            args.add(sources.resolve(file.group(2)).toString());
        }
        assertThat(named).as(script + " names its sources").isPositive()
                .as(script + ": every source from $src or its full path").isEqualTo(
                        (int) Pattern.compile("\\.java\\b").matcher(javac.group(1)).results().count());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler, as the scripts need").isNotNull();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, args.toArray(String[]::new));
        assertThat(status).as(script + ": " + errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aLimitMeasuredSeveralTimesCountsItsMedian() throws Exception {
        java.util.Deque<Double> rates = new java.util.ArrayDeque<>(List.of(28_200.4, 21_627.0, 26_540.0));
        RepeatedRate rate = RepeatedRate.measure(3, rates::pop);
        assertThat(rate.runs()).containsExactly(28_200.4, 21_627.0, 26_540.0);
        assertThat(rate.median()).as("the middle one").isEqualTo(26_540.0);
        assertThat(rate.json()).isEqualTo("[28200,21627,26540]");
        assertThat(new RepeatedRate(List.of(4.0, 1.0, 3.0, 2.0)).median()).as("of four, the middle two's mean")
                .isEqualTo(2.5);

        java.util.Deque<Double> failing = new java.util.ArrayDeque<>(List.of(0.0, 19_000.0, -1.0));
        RepeatedRate some = RepeatedRate.measure(3, failing::pop);
        assertThat(some.runs()).as("runs that measured nothing are left out").containsExactly(19_000.0);
        assertThat(some.median()).isEqualTo(19_000.0);
        assertThat(new RepeatedRate(List.of()).median()).as("nothing measured").isZero();
        assertThat(new RepeatedRate(List.of()).json()).isEqualTo("[]");
    }

    @Test
    void theSummaryJudgesEachTargetFromTheBenchmarksLines() {
        String intake = "{\"bench\":\"intake-hub\",\"store\":\"POSTGRESQL\",\"records\":1000000,"
                + "\"merged\":1000000,\"recordsPerSecond\":21000,\"profiles\":666667,"
                + "\"plainInsertRowsPerSecond\":60000,\"ratio\":0.35}";
        String slow = "{\"bench\":\"latency\",\"store\":\"H2\",\"runs\":[{\"rate\":2000,\"seconds\":300,"
                + "\"never\":0,\"p50Ms\":30.0,\"p99Ms\":120.5,\"maxMs\":300.0}]}";
        String fast = slow.replace("\"H2\"", "\"POSTGRESQL\"").replace("120.5", "61.4");
        String memory = "{\"bench\":\"hub-memory\",\"store\":\"H2\",\"profiles\":1000000,"
                + "\"liveHeapDuringEvaluationMB\":140,\"liveHeapAfterMB\":60,\"peakRssMB\":900}";

        assertThat(BenchSummary.json(List.of(intake, fast, memory))).contains(
                "\"intakePostgresqlAtLeast20000PerSecond\":true",
                "\"intakeAtLeastAThirdOfPlainInsert\":{\"H2\":null,\"POSTGRESQL\":true}",
                "\"latencyP99Under100MsAt2000PerSecondFor5Minutes\":{\"H2\":null,\"POSTGRESQL\":true}",
                "\"heapUnder1GbAtMillionProfiles\":{\"H2\":true,\"POSTGRESQL\":null}");
        assertThat(BenchSummary.json(List.of(fast, slow))).as("a verdict per store").contains(
                "\"latencyP99Under100MsAt2000PerSecondFor5Minutes\":{\"H2\":false,\"POSTGRESQL\":true}",
                "\"intakePostgresqlAtLeast20000PerSecond\":null");
        assertThat(BenchSummary.json(List.of(fast.replace("\"seconds\":300", "\"seconds\":60"))))
                .as("a one-minute run does not count")
                .contains("\"latencyP99Under100MsAt2000PerSecondFor5Minutes\":{\"H2\":null,\"POSTGRESQL\":null}");
        assertThat(BenchSummary.json(List.of(memory.replace("\"liveHeapDuringEvaluationMB\":140",
                "\"liveHeapDuringEvaluationMB\":-1")))).as("no heap sample is no verdict")
                .contains("\"heapUnder1GbAtMillionProfiles\":{\"H2\":null,\"POSTGRESQL\":null}");
        assertThat(BenchSummary.markdown("t", List.of(intake, slow))).contains("| POSTGRESQL | 1,000,000 | 21,000 |")
                .contains("| H2 | 2,000 × 300 | 30.0 | 120.5 | 300.0 |");
        String measured = intake.replace("21000", "4832").replace("60000", "129021").replace("0.35", "0.0375");
        assertThat(BenchSummary.markdown("t", List.of(measured))).as("the ratio from the rates, rounded once")
                .contains("| 129,021 | 0.037 | not measured | 0 |");
        assertThat(BenchSummary.markdown("t", List.of(measured.replace("}", ",\"cpuMicrosPerRecord\":259,"
                + "\"warmupRecords\":100000}")))).contains("| 0.037 | 259 | 100,000 |");
        assertThat(BenchSummary.markdown("t", List.of(measured.replace("}", ",\"storeRowsPerRecord\":4.97,"
                + "\"storeRowsPlainInsertRecordsPerSecond\":19328,\"storeRowsRatio\":0.25}"))))
                .as("the second limit, its ratio from the rates").contains("| 0 | 4.97 | 19,328 | 0.250 |");
        assertThat(BenchSummary.markdown("t", List.of(measured.replace("}", ",\"storeRowsPerRecord\":4.97,"
                + "\"storeRowsPlainInsertRecordsPerSecond\":19328,\"storeRowsRatio\":0.25,"
                + "\"plainInsertRuns\":[129021,140500,101233],\"storeRowsPlainInsertRuns\":[19328,25001,18000]}"))))
                .as("limits measured more than once: the median, and the lowest and highest run")
                .contains("| 129,021 (101,233 to 140,500) | 0.037 |", "| 4.97 | 19,328 (18,000 to 25,001) | 0.250 |");
        String bothLimits = measured.replace("}", ",\"storeRowsPerRecord\":4.97,"
                + "\"storeRowsPlainInsertRecordsPerSecond\":19328,\"storeRowsRatio\":0.25}");
        assertThat(BenchSummary.markdown("t", List.of(bothLimits))).as("the ratio's ceiling: 19,328 / 129,021")
                .contains("over the plain insert of a row a record", "): H2 not measured, POSTGRESQL 0.150.");
        assertThat(BenchSummary.json(List.of(bothLimits)))
                .contains("\"ratioCeiling\":{\"H2\":null,\"POSTGRESQL\":0.150}");
        assertThat(BenchSummary.markdown("t", List.of(measured))).as("no second limit, no ceiling")
                .doesNotContain("The most the ratio can be");
        assertThat(BenchSummary.json(List.of(measured)))
                .contains("\"ratioCeiling\":{\"H2\":null,\"POSTGRESQL\":null}");
    }
}

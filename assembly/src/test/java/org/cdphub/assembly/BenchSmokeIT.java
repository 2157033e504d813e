package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harnesses of bench/ at a smoke size, so that they cannot rot: bench/intake-hub.sh ({@link
 * HubIntakeBench}, 300 rows on the embedded store), bench/latency.sh ({@link LatencyBench}, 20 events/s for 3 s) and
 * bench/hub-memory.sh ({@link HubMemoryBench}, 800 profiles). What they measure is not asserted, only that every
 * record and every event made it through and every written profile was evaluated.
 */
class BenchSmokeIT {

    private final Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
    private final Path work = Path.of(System.getProperty("cdphub.work", "target/it")).resolve("bench-smoke");

    @Test
    void theIntakeHarnessSeesEveryRowMerged() throws Exception {
        String json = HubIntakeBench.run(distribution, work.resolve("intake"), 300, "H2");
        assertThat(json).contains("\"bench\":\"intake-hub\"").contains("\"records\":300").contains("\"merged\":300");
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
    }
}

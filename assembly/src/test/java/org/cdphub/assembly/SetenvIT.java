package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code bin/setenv}, as the Karaf scripts read it ({@code bin/start} reads it and then runs
 * {@code bin/karaf}, which reads it again): the hub's JVM gets its collector once, before the caller's options, and
 * {@code CDPHUB_GC} chooses another; {@code CDPHUB_JIT} sets the JIT compiler of the hub's JVM alone.
 */
class SetenvIT {

    private final Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));

    @Test
    void addsTheCollectorOnceBeforeTheCallersOptions() throws Exception {
        String options = shell("EXTRA_JAVA_OPTS='-Xmx700m -XX:ParallelGCThreads=2'; . bin/setenv; . bin/setenv;"
                + " echo \"$EXTRA_JAVA_OPTS\"");
        assertThat(options.strip()).isEqualTo("-XX:+UseParallelGC -Xmx700m -XX:ParallelGCThreads=2");
        assertThat(shell("unset EXTRA_JAVA_OPTS; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                .isEqualTo("-XX:+UseParallelGC");
    }

    @Test
    void aCollectorTheCallerChoseStandsAlone() throws Exception {
        assertThat(shell("EXTRA_JAVA_OPTS='-Xmx1g -XX:+UseG1GC'; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                .isEqualTo("-Xmx1g -XX:+UseG1GC");
        assertThat(shell("JAVA_OPTS='-XX:+UseSerialGC'; unset EXTRA_JAVA_OPTS; . bin/setenv;"
                + " echo \"[$EXTRA_JAVA_OPTS]\"").strip()).isEqualTo("[]");
        assertThat(shell("CDPHUB_GC=''; EXTRA_JAVA_OPTS=-Xmx1g; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                .as("an empty CDPHUB_GC leaves the choice to the JVM").isEqualTo("-Xmx1g");
        assertThat(shell("EXTRA_JAVA_OPTS='-XX:+PrintGC'; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                .as("an option that only ends in GC").isEqualTo("-XX:+UseParallelGC -XX:+PrintGC");
    }

    @Test
    void cdphubGcChoosesAnotherCollectorThatTheJvmAccepts() throws Exception {
        String options = shell("unset EXTRA_JAVA_OPTS; CDPHUB_GC='-XX:+UseG1GC -XX:G1HeapRegionSize=4m'; . bin/setenv;"
                + " echo \"$EXTRA_JAVA_OPTS\"").strip();
        assertThat(options).isEqualTo("-XX:+UseG1GC -XX:G1HeapRegionSize=4m");
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String gc : java.util.List.of("", "CDPHUB_GC='-XX:+UseG1GC -XX:G1HeapRegionSize=4m'; ")) {
            String flags = shell("unset EXTRA_JAVA_OPTS; " + gc + ". bin/setenv; '" + jvm + "' $EXTRA_JAVA_OPTS"
                    + " -XX:+PrintFlagsFinal -version | grep -E ' Use(Parallel|G1)GC '");
            assertThat(flags).as(gc).containsPattern(gc.isEmpty() ? "UseParallelGC\\s+= true" : "UseG1GC\\s+= true");
        }
    }

    @Test
    void cdphubJitReachesTheHubsJvmAloneOnce() throws Exception {
        for (String server : java.util.List.of("bin/start", "bin/karaf")) {
            assertThat(shellAs(server, "CDPHUB_JIT=-XX:-TieredCompilation; EXTRA_JAVA_OPTS=-Xmx700m; . bin/setenv;"
                    + " . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip()).as(server)
                    .isEqualTo("-XX:+UseParallelGC -XX:-TieredCompilation -Xmx700m");
            assertThat(shellAs(server, "unset EXTRA_JAVA_OPTS; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                    .as(server + " by default").isEqualTo("-XX:+UseParallelGC");
        }
        assertThat(shellAs("bin/client", "CDPHUB_JIT=-XX:-TieredCompilation; unset EXTRA_JAVA_OPTS; . bin/setenv;"
                + " echo \"$EXTRA_JAVA_OPTS\"").strip()).as("a console tool").isEqualTo("-XX:+UseParallelGC");
        assertThat(shellAs("bin/start", "CDPHUB_GC=''; CDPHUB_JIT=-XX:-TieredCompilation; unset EXTRA_JAVA_OPTS;"
                + " . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip()).as("the compiler without the collector")
                .isEqualTo("-XX:-TieredCompilation");
    }

    @Test
    void aCompilerChoiceOfTheCallerStands() throws Exception {
        for (String own : java.util.List.of("-XX:TieredStopAtLevel=1", "-XX:+TieredCompilation")) {
            assertThat(shellAs("bin/karaf", "CDPHUB_JIT=-XX:-TieredCompilation; EXTRA_JAVA_OPTS='" + own + "';"
                    + " . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip()).as(own)
                    .isEqualTo("-XX:+UseParallelGC " + own);
        }
        assertThat(shellAs("bin/start", "CDPHUB_JIT=-XX:-TieredCompilation; JAVA_OPTS='-XX:-TieredCompilation"
                + " -XX:+UseG1GC'; unset EXTRA_JAVA_OPTS; . bin/setenv; echo \"[$EXTRA_JAVA_OPTS] $CDPHUB_JAVA_DEFAULTS\"")
                .strip()).isEqualTo("[] (none)");
    }

    @Test
    void theJvmAcceptsTheCompilerOption() throws Exception {
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String flags = shellAs("bin/start", "CDPHUB_JIT=-XX:-TieredCompilation; unset EXTRA_JAVA_OPTS; . bin/setenv;"
                + " '" + jvm + "' $EXTRA_JAVA_OPTS -XX:+PrintFlagsFinal -version | grep -E ' (TieredCompilation|UseParallelGC) '");
        assertThat(flags).containsPattern("TieredCompilation\\s+= false").containsPattern("UseParallelGC\\s+= true");
    }

    @Test
    void withoutJavaHomeTheJdkOfTheJavaOnThePathIsTakenAndOneSetStands() throws Exception {
        String jdk = System.getProperty("java.home");
        String home = shell("unset JAVA_HOME; PATH='" + jdk + "/bin':$PATH; . bin/setenv; echo \"$JAVA_HOME\"")
                .strip();
        assertThat(Path.of(home, "bin", "java")).isExecutable();
        assertThat(Path.of(home).toRealPath()).isEqualTo(Path.of(jdk).toRealPath());
        assertThat(shell("JAVA_HOME=/opt/own-jdk; . bin/setenv; echo \"$JAVA_HOME\"").strip())
                .isEqualTo("/opt/own-jdk");
    }

    private String shell(String script) throws Exception {
        return shellAs("sh", script);
    }

    /** Runs {@code script} with {@code $0} set to {@code name}, as when the Karaf script of that name reads setenv. */
    private String shellAs(String name, String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "unset CDPHUB_JAVA_DEFAULTS CDPHUB_GC CDPHUB_JIT JAVA_OPTS; "
                + script, name).directory(distribution.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}

package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code bin/setenv}, as the Karaf scripts read it ({@code bin/start} reads it and then runs
 * {@code bin/karaf}, which reads it again): the hub's JVM gets its G1 region size once, before the caller's options.
 */
class SetenvIT {

    private final Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));

    @Test
    void addsTheRegionSizeOnceBeforeTheCallersOptions() throws Exception {
        String options = shell("EXTRA_JAVA_OPTS='-Xmx700m -XX:G1HeapRegionSize=1m'; . bin/setenv; . bin/setenv;"
                + " echo \"$EXTRA_JAVA_OPTS\"");
        assertThat(options.strip()).isEqualTo("-XX:G1HeapRegionSize=4m -Xmx700m -XX:G1HeapRegionSize=1m");
        assertThat(shell("unset EXTRA_JAVA_OPTS; . bin/setenv; echo \"$EXTRA_JAVA_OPTS\"").strip())
                .isEqualTo("-XX:G1HeapRegionSize=4m");
    }

    private String shell(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "unset CDPHUB_JAVA_DEFAULTS; " + script)
                .directory(distribution.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}

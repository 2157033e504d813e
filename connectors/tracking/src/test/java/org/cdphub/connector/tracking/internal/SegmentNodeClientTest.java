package org.cdphub.connector.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;

/**
 * Segment's official Node client ({@code @segment/analytics-node} from npm, pinned in test resources package.json)
 * sends to the connector unchanged but for its host. Needs node and npm on the PATH and the npm registry reachable;
 * without them the test fails and says so.
 */
class SegmentNodeClientTest extends TrackingTestSupport {

    private static final String KEY = "wk-node";

    @Override
    protected String writeKey() {
        return KEY;
    }

    @Test
    void theOfficialClientsCallsArriveAsFragmentsWithStitchedIdentifiers() throws Exception {
        Path dir = Path.of("target", "node-client");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "send.mjs")) {
            try (InputStream in = getClass().getResourceAsStream("/node/" + file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@segment/analytics-node"))) {
            run(dir, 300, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
        }

        String out = run(dir, 60, "node", "send.mjs", "http://127.0.0.1:" + server.port, KEY);

        assertThat(out).contains("flushed").doesNotContain("analytics error");
        List<Fragment> fragments = new ArrayList<>();
        MockEndpoint mock = getMockEndpoint("mock:fragments");
        for (Exchange e : mock.getExchanges()) {
            for (Object f : e.getMessage().getBody(List.class)) {
                fragments.add((Fragment) f);
            }
        }
        assertThat(fragments).hasSize(4);
        Fragment identify = fragments.stream().filter(f -> !f.traits().isEmpty()).findFirst().orElseThrow();
        assertThat(identify.identifiers()).contains(new Identifier("userId", "web:user-node-1"),
                new Identifier("anonymousId", "web:anon-node-1"), new Identifier("email", "node.user@example.com"));
        assertThat(fragments.stream().flatMap(f -> f.events().stream()).map(Event::type))
                .containsExactlyInAnyOrder("Product Viewed", "page", "Order Completed");
        assertThat(getMockEndpoint("mock:dead").getExchanges()).isEmpty();
    }

    private static String run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is needed for this test (install Node.js 18+): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}

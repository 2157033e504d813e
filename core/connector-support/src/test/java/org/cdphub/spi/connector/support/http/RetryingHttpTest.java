package org.cdphub.spi.connector.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that answers from a script: {@code status} or {@code status:Retry-After}. */
class RetryingHttpTest {

    private final Deque<String> script = new ArrayDeque<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<Long> waits = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("X-Token"));
            String[] answer = script.isEmpty() ? new String[] {"200"} : script.poll().split(":");
            if (answer.length > 1) {
                exchange.getResponseHeaders().add("Retry-After", answer[1]);
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsAsRetryAfterSaysAndBacksOffDoublingOnServerErrors() throws Exception {
        script.addAll(List.of("429:2.5", "503", "500", "429:soon"));

        assertThat(http(3).get(uri("/orders.json?limit=1")).body()).isEqualTo("{\"ok\":true}");
        assertThat(waits).containsExactly(2500L, 100L, 200L, 100L);
        assertThat(tokens).hasSize(5).containsOnly("secret-token");
    }

    @Test
    void givesUpAfterMaxRetriesNamingStatusAndPathButNotTheCredentials() {
        script.addAll(List.of("502", "502", "502"));

        assertThatThrownBy(() -> http(2).get(uri("/orders.json?limit=1")))
                .isInstanceOf(RetryingHttp.FailedRequest.class)
                .hasMessage("GET /orders.json answered 502 (gave up after 2 retries)")
                .message().doesNotContain("secret-token");
        assertThat(waits).containsExactly(100L, 200L);
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        script.add("401");

        assertThatThrownBy(() -> http(5).get(uri("/orders.json"))).hasMessage("GET /orders.json answered 401");
        assertThat(waits).isEmpty();
    }

    @Test
    void rateLimitingFailsAtOnceAfterTwentyWaits() {
        for (int i = 0; i <= RetryingHttp.MAX_RATE_LIMITED; i++) {
            script.add("429:1");
        }

        assertThatThrownBy(() -> http(5).get(uri("/orders.json")))
                .hasMessage("GET /orders.json answered 429");
        assertThat(waits).hasSize(RetryingHttp.MAX_RATE_LIMITED).containsOnly(1000L);
    }

    private RetryingHttp http(int maxRetries) {
        return new RetryingHttp(HttpClient.newHttpClient(), Map.of("X-Token", "secret-token"), maxRetries, 100,
                waits::add);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}

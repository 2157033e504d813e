package org.cdphub.connector.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookRoutesTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final AtomicInteger delivered = new AtomicInteger();
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        camel.stop();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void appendsOneJsonLinePerChangeToTheDayFile() throws Exception {
        start(settings(dir.toString(), "", "", ""));
        LocalDate before = LocalDate.now(); // the day file's date: the JVM's zone, as ${date:now}
        send(change("p-1", MembershipChange.Kind.ENTERED));
        send(change("p-2", MembershipChange.Kind.EXITED));
        long days = before.datesUntil(LocalDate.now().plusDays(1)).count();

        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).as("one file a day; two if the sends straddled midnight").hasSize((int) days)
                .allMatch(f -> f.getFileName().toString().matches("membership-\\d{4}-\\d{2}-\\d{2}\\.jsonl"));
        List<String> lines = dayFileLines();
        assertThat(lines).hasSize(2);
        assertThat(CdpJson.read(lines.get(0), MembershipChange.class).profileId()).isEqualTo("p-1");
        assertThat(CdpJson.read(lines.get(1), MembershipChange.class).kind()).isEqualTo(MembershipChange.Kind.EXITED);
        assertThat(delivered).hasValue(2);
    }

    /** The lines of the day files in the order of their days (a test that straddles midnight writes two). */
    private List<String> dayFileLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (var list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @Test
    void postsEachChangeWithTheConfiguredHeader() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        int port = serve(200, bodies, tokens);
        start(settings("", "http://127.0.0.1:" + port + "/hook", "X-Api-Key", "s3cret"));

        send(change("p-1", MembershipChange.Kind.ENTERED));

        assertThat(bodies).hasSize(1);
        assertThat(CdpJson.read(bodies.get(0), MembershipChange.class).segment()).isEqualTo("nl-customers");
        assertThat(tokens).containsExactly("s3cret");
        assertThat(delivered).hasValue(1);
    }

    @Test
    void aRefusedPostFailsTheExchangeSoTheRuntimeRetriesAndDeadLetters() throws Exception {
        int port = serve(503, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        start(settings("", "http://127.0.0.1:" + port + "/hook", "", ""));

        assertThatThrownBy(() -> send(change("p-1", MembershipChange.Kind.ENTERED)))
                .isInstanceOf(CamelExecutionException.class).hasStackTraceContaining("503");
        assertThat(delivered).hasValue(0);
    }

    @Test
    void withABatchSizeItPostsAJsonArrayOfTheChangesInOrder() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        int port = serve(200, bodies, new CopyOnWriteArrayList<>());
        WebhookSettings settings = WebhookSettings.from(config("hook", "", "http://127.0.0.1:" + port + "/hook", "",
                "", "", 3));
        assertThat(new WebhookConnector(settings).deliveryBatchSize()).isEqualTo(3);
        start(settings);

        camel.createProducerTemplate().sendBody("direct:batches", List.of(change("p-1", MembershipChange.Kind.ENTERED),
                change("p-2", MembershipChange.Kind.EXITED), change("p-3", MembershipChange.Kind.ENTERED)));

        assertThat(bodies).hasSize(1);
        List<MembershipChange> posted = CdpJson.read(bodies.get(0),
                new com.fasterxml.jackson.core.type.TypeReference<List<MembershipChange>>() { });
        assertThat(posted).extracting(MembershipChange::profileId).containsExactly("p-1", "p-2", "p-3");
        assertThat(delivered).hasValue(3);
    }

    @Test
    void withABatchSizeItAppendsOneLinePerChangeOfTheList() throws Exception {
        start(WebhookSettings.from(config("hook", dir.toString(), "", "", "", "", 10)));
        camel.createProducerTemplate().sendBody("direct:batches", List.of(change("p-1", MembershipChange.Kind.ENTERED),
                change("p-2", MembershipChange.Kind.EXITED)));
        send(List.of(change("p-3", MembershipChange.Kind.ENTERED)));

        List<String> lines = dayFileLines();
        assertThat(lines).extracting(l -> CdpJson.read(l, MembershipChange.class).profileId())
                .containsExactly("p-1", "p-2", "p-3");
        assertThat(delivered).hasValue(3);
    }

    @Test
    void settingsAreValidatedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "", "", "", "", "")))
                .hasMessageContaining("directory, url");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "", "ftp://x", "", "", "")))
                .hasMessageContaining("url:");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "/tmp", "", "", "", "email")))
                .hasMessageContaining("required.consent");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "/tmp", "", "X-Key", "", "")))
                .hasMessageContaining("header.name, header.value");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "/tmp", "", "", "", "", 0)))
                .hasMessageContaining("batch.size");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "/tmp", "", "", "", "", 1001)))
                .hasMessageContaining("batch.size");
        // what DS would have failed on while converting, without the key, before the settings were strings
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "/tmp", "", "", "", "", "zero")))
                .hasMessage("batch.size: 'zero' is not a whole number");
        assertThatThrownBy(() -> WebhookSettings.from(config("a", "", "http://crm example/in", "", "", "")))
                .hasMessageStartingWith("url: 'http://crm example/in' is not a URL");
        assertThatThrownBy(() -> new WebhookConnector(WebhookSettings.from(config(null, "/tmp", "", "", "", ""))))
                .hasMessageStartingWith("id: must be set");
        assertThatThrownBy(() -> new WebhookConnector(WebhookSettings.from(config("Web Hook", "/tmp", "", "", "", ""))))
                .hasMessageStartingWith("id: 'Web Hook' must be 1-63 characters");
    }

    @Test
    void theSecretHeaderValueIsNeverShown() {
        WebhookSettings s = WebhookSettings.from(
                config("a", "", "https://example.com/h", "Authorization", "Bearer x", ""));
        assertThat(new WebhookConnector(s).info().settings()).containsEntry("header.value", "********")
                .doesNotContainValue("Bearer x")
                // the defaults are shown too: what the instance runs with, not only what the file says
                .containsEntry("timeout.ms", "10000").containsEntry("batch.size", "1")
                .containsEntry("required.consent", "(none)");
    }

    private int serve(int status, List<String> bodies, List<String> tokens) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String token = exchange.getRequestHeaders().getFirst("X-Api-Key");
            if (token != null) {
                tokens.add(token);
            }
            // anything but a POST is refused, so a test expecting a delivery fails on the wrong method
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? status : 405, -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private void start(WebhookSettings settings) throws Exception {
        camel.addRoutes(new WebhookRoutes(settings, new TestContext()));
        camel.start();
    }

    private void send(MembershipChange change) {
        camel.createProducerTemplate().sendBody("direct:in", change);
    }

    private void send(List<MembershipChange> changes) {
        camel.createProducerTemplate().sendBody("direct:batches", changes);
    }

    private static MembershipChange change(String profileId, MembershipChange.Kind kind) {
        return new MembershipChange(profileId, "nl-customers", kind, Instant.parse("2026-11-29T10:00:00Z"), "evaluated",
                List.of(new Identifier("email", profileId + "@example.com")), List.of());
    }

    private static WebhookSettings settings(String directory, String url, String headerName, String headerValue) {
        return WebhookSettings.from(config("hook", directory, url, headerName, headerValue, ""));
    }

    private static WebhookConfig config(String id, String directory, String url, String headerName, String headerValue,
            String consent) {
        return config(id, directory, url, headerName, headerValue, consent, 1);
    }

    private static WebhookConfig config(String id, String directory, String url, String headerName, String headerValue,
            String consent, Object batch) {
        return new WebhookConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return WebhookConfig.class; }
            public String id() { return id; }
            public String directory() { return directory; }
            public String url() { return url; }
            public String header_name() { return headerName; }
            public String header_value() { return headerValue; }
            public String required_consent() { return consent; }
            public String timeout_ms() { return "10000"; } // a first request on a loaded machine can take seconds
            public String batch_size() { return String.valueOf(batch); }
        };
    }

    private final class TestContext implements ConnectorContext {
        public String connectorId() { return "hook"; }
        public String fragmentsUri() { return "mock:fragments"; }
        public String membershipChangesUri() { return "direct:in"; }
        public String membershipChangeBatchesUri() { return "direct:batches"; }
        public String deadLetterUri() { return "mock:dead"; }
        public ConnectorMetrics metrics() {
            return new ConnectorMetrics() {
                public void recordsRead(long count) { }
                public void delivered(long count) { delivered.addAndGet((int) count); }
                public void failure(String message) { }
            };
        }
    }
}

package org.cdphub.routes.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.api.service.SegmentMember;
import org.cdphub.api.service.SegmentPreview;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP, with a fake segment service behind it. */
class AdminApiRoutesTest extends CamelTestSupport {

    private static final String TOKEN = "0123456789abcdef-secret";
    private final int port = AvailablePortFinder.getNextAvailable();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> previews = new ArrayList<>();

    private final SegmentEvaluation segments = new SegmentEvaluation() {
        @Override
        public List<MembershipChange> evaluate(Collection<String> ids, List<MergeResult.Absorbed> absorbed) {
            return List.of();
        }

        @Override
        public List<SegmentInfo> segments() {
            return List.of(new SegmentInfo("nl-customers", "Customers in NL", "nl.yaml", 2,
                    Instant.parse("2026-11-29T10:00:00Z")));
        }

        @Override
        public List<String> problems() {
            return List.of("vip.yaml:3: unknown operator 'equalz'");
        }

        @Override
        public List<SegmentMember> members(String segment, int limit) {
            return List.of(new SegmentMember("p1", Instant.parse("2026-11-29T10:00:00Z")),
                    new SegmentMember("p2", Instant.parse("2026-11-28T10:00:00Z"))).subList(0, Math.min(2, limit));
        }

        @Override
        public SegmentPreview preview(String fileName, String text, int sample) {
            previews.add(fileName + ":" + text);
            if (text.contains("equalz")) {
                throw new IllegalArgumentException(fileName + ":4: unknown operator 'equalz'");
            }
            return new SegmentPreview("preview", 10, 3, List.of("p1", "p2", "p3").subList(0, Math.min(3, sample)));
        }
    };

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new AdminApiRoutes(TOKEN, segments);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void listsSegmentsWithTheirProblems() throws Exception {
        HttpResponse<String> response = send(get("/api/segments"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(response.body()).contains("\"name\":\"nl-customers\"", "\"members\":2",
                "\"description\":\"Customers in NL\"", "\"file\":\"nl.yaml\"",
                "vip.yaml:3: unknown operator 'equalz'");
    }

    @Test
    void listsMembersUpToTheLimitAndAnswers404ForAnUnknownSegment() throws Exception {
        HttpResponse<String> response = send(get("/api/segments/nl-customers/members?limit=1"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"profileId\":\"p1\"").doesNotContain("p2");
        assertThat(send(get("/api/segments/nope/members")).statusCode()).isEqualTo(404);
        assertThat(send(get("/api/segments/nl-customers/members?limit=lots")).statusCode()).isEqualTo(400);
    }

    @Test
    void previewsADefinitionAndAnswers400WithFileAndLineForABrokenOne() throws Exception {
        HttpResponse<String> ok = send(get("/api/segments/preview?sample=2")
                .POST(HttpRequest.BodyPublishers.ofString("name: x\ncondition: {trait: country, equals: NL}\n")));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"matching\":3", "\"sample\":[\"p1\",\"p2\"]");
        assertThat(previews.get(0)).startsWith("preview.yaml:name: x");

        HttpResponse<String> bad = send(get("/api/segments/preview").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"equalz\": 1}")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("preview.json:4: unknown operator");
    }

    @Test
    void aDefinitionPostedAsAFormIsRefusedWithWhatToSendInstead() throws Exception {
        // curl --data-binary @file.yaml labels the body application/x-www-form-urlencoded
        HttpResponse<String> form = send(get("/api/segments/preview")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name: x\ncondition: {trait: country, equals: NL}\n")));
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("sent as a form", "Content-Type: application/yaml");
        assertThat(previews).isEmpty();
    }

    @Test
    void withoutTheTokenNothingRuns() throws Exception {
        HttpRequest.Builder noToken = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/segments/preview")).POST(HttpRequest.BodyPublishers.ofString("name: x"));
        HttpResponse<String> response = send(noToken);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/segments")).header("Authorization", "Bearer " + TOKEN + "x"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("nl-customers");
        assertThat(previews).isEmpty();
    }
}

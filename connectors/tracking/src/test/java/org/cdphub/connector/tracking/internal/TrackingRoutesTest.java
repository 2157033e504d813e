package org.cdphub.connector.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP: auth, limits answered with 400, gzip, batches, duplicates and dead letters. */
class TrackingRoutesTest extends TrackingTestSupport {

    private static final String KEY = "wk-test";
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected String writeKey() {
        return KEY;
    }

    @Test
    void anIdentifyWithTheWriteKeyIsAcceptedAndSentOn() throws Exception {
        MockEndpoint fragments = getMockEndpoint("mock:fragments");
        fragments.expectedMessageCount(1);

        HttpResponse<String> response = post("/v1/identify", SegmentMapperTest.fixture("identify").toString(), KEY, false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"success\":true").contains("\"accepted\":1");
        MockEndpoint.assertIsSatisfied(context);
        List<?> batch = fragments.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(((Fragment) batch.get(0)).sourceRecordId()).isEqualTo("022bb90c-bbac-11e4-8dfc-aa07a5b093db");
        assertThat(fragments.getExchanges().get(0).getMessage().getHeaders()).as("no HTTP header reaches the queue")
                .doesNotContainKey("Authorization");
    }

    @Test
    void aCallSentAsAFormIsRefusedWithWhatToSendInstead() throws Exception {
        getMockEndpoint("mock:fragments").expectedMessageCount(0);
        // curl -d '{...}' without -H 'Content-Type: application/json'
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/track")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":")
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\",\"event\":\"Signed Up\"}"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("sent as a form", "Content-Type: application/json");
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/track")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"u1\",\"event\":\"Signed Up\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).as("the write key first").isEqualTo(401);
        HttpResponse<String> keyField = http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/track")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("writeKey=" + KEY + "&userId=u1&event=Signed+Up"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keyField.statusCode()).as("a key as a form field").isEqualTo(415);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aMissingOrWrongWriteKeyIs401AndNothingIsSent() throws Exception {
        getMockEndpoint("mock:fragments").expectedMessageCount(0);

        assertThat(post("/v1/track", SegmentMapperTest.fixture("track").toString(), null, false).statusCode())
                .isEqualTo(401);
        assertThat(post("/v1/track", SegmentMapperTest.fixture("track").toString(), "wrong", false).statusCode())
                .isEqualTo(401);
        assertThat(post("/v1/track", "{\"writeKey\":\"" + KEY + "\",\"userId\":\"1\",\"event\":\"E\"}", null, false)
                .statusCode()).as("writeKey in the body").isEqualTo(200);
    }

    @Test
    void theSpecLimitsAreAnsweredWith400() throws Exception {
        getMockEndpoint("mock:fragments").expectedMessageCount(0);
        String big = "{\"userId\":\"1\",\"event\":\"E\",\"properties\":{\"x\":\"" + "a".repeat(33 * 1024) + "\"}}";
        HttpResponse<String> tooBig = post("/v1/track", big, KEY, false);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("exceeds 32 KB");

        String many = "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(2501,
                "{\"type\":\"track\",\"userId\":\"1\",\"event\":\"E\"}")) + "]}";
        HttpResponse<String> tooMany = post("/v1/batch", many, KEY, false);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("2501 messages, at most 2500");

        assertThat(post("/v1/track", "{not json", KEY, false).statusCode()).isEqualTo(400);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aGzippedBatchIsDecodedGoodMessagesPassBadOnesAreDeadLetteredDuplicatesDropped() throws Exception {
        MockEndpoint fragments = getMockEndpoint("mock:fragments");
        fragments.expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        String batch = "{\"batch\":[" + SegmentMapperTest.fixture("track") + "," + SegmentMapperTest.fixture("page")
                + ",{\"type\":\"track\",\"messageId\":\"bad-1\",\"event\":\"E\"}," + SegmentMapperTest.fixture("track") + "]}";

        HttpResponse<String> response = post("/v1/batch", batch, KEY, true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":2").contains("\"refused\":1").contains("\"duplicates\":1");
        MockEndpoint.assertIsSatisfied(context);
        assertThat(fragments.getExchanges().get(0).getMessage().getBody(List.class)).hasSize(2);
        DeadLetter letter = dead.getExchanges().get(0).getMessage().getBody(DeadLetter.class);
        assertThat(letter.reason()).isEqualTo("track: userId or anonymousId is required");
        assertThat(letter.location()).isEqualTo("messageId bad-1");
        assertThat(server.read).hasValue(4);
    }

    @Test
    void onlyPostIsServed() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/track"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> post(String path, String body, String key, boolean gzip) throws Exception {
        // HTTP/2 first, as Java's client does by default: the server must answer the h2c upgrade, not hang up
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .version(HttpClient.Version.HTTP_2).timeout(java.time.Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(bytes);
            }
            bytes = out.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

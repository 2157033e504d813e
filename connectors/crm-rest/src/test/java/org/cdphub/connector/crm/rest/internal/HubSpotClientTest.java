package org.cdphub.connector.crm.rest.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HubSpotClientTest {

    private static final String SEARCH = HubSpotClient.SEARCH_PATH;

    @RegisterExtension
    static WireMockExtension hubspot = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestConfig.RecordingSleeper sleeper = new TestConfig.RecordingSleeper(false);

    private HubSpotClient client(Map<String, String> overrides) {
        Map<String, String> keys = TestConfig.valid(hubspot.baseUrl());
        keys.putAll(overrides);
        return new HubSpotClient(TestConfig.settings(keys), sleeper);
    }

    private JsonNode search(HubSpotClient client) throws InterruptedException {
        return client.searchContacts(SearchRequest.body("0", List.of("email", "lastmodifieddate"), 100, null));
    }

    @Test
    void searchPostsTheDocumentedBodyWithTheBearerToken() throws Exception {
        hubspot.stubFor(post(SEARCH).willReturn(okJson(TestConfig.fixture("search-page-1.json"))));

        JsonNode page = client(Map.of()).searchContacts(SearchRequest.body("1710408067123",
                List.of("email", "lastmodifieddate"), 100, "200"));

        assertThat(page.path("results")).hasSize(2);
        hubspot.verify(postRequestedFor(urlEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("Bearer " + TestConfig.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE",
                                                      "value":"1710408067123"}]}],
                         "sorts":[{"propertyName":"lastmodifieddate","direction":"ASCENDING"}],
                         "properties":["email","lastmodifieddate"],"limit":100,"after":"200"}""")));
    }

    @Test
    void archivedContactsAreListedWithTheCursor() throws Exception {
        hubspot.stubFor(get(urlPathEqualTo(HubSpotClient.LIST_PATH))
                .willReturn(okJson(TestConfig.fixture("archived-page-2.json"))));

        client(Map.of()).archivedContacts(100, "63");

        hubspot.verify(getRequestedFor(urlEqualTo("/crm/v3/objects/contacts?archived=true&limit=100&after=63"))
                .withHeader("Authorization", equalTo("Bearer " + TestConfig.TOKEN)));
    }

    @Test
    void http429WaitsForRetryAfterThenRetries() throws Exception {
        hubspot.stubFor(post(SEARCH).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(TestConfig.fixture("error-429.json")))
                .willSetStateTo("open"));
        hubspot.stubFor(post(SEARCH).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(okJson(TestConfig.fixture("search-empty.json"))));

        assertThat(search(client(Map.of())).path("total").asInt()).isZero();
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        hubspot.verify(2, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aLongRetryAfterIsCappedByRetryMaxWait() throws Exception {
        hubspot.stubFor(post(SEARCH).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120"))
                .willSetStateTo("open"));
        hubspot.stubFor(post(SEARCH).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(okJson(TestConfig.fixture("search-empty.json"))));

        search(client(Map.of("retry.max.wait", "PT3S")));

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorsBackOffExponentiallyThenSucceed() throws Exception {
        hubspot.stubFor(post(SEARCH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody(TestConfig.fixture("error-500.json")))
                .willSetStateTo("again"));
        hubspot.stubFor(post(SEARCH).inScenario("flaky").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        hubspot.stubFor(post(SEARCH).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(TestConfig.fixture("search-page-1.json"))));

        assertThat(search(client(Map.of("retry.backoff", "PT0.1S"))).path("results")).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void persistentServerErrorsGiveUpAfterRetryAttempts() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withStatus(502)
                .withBody("{\"status\":\"error\",\"message\":\"bad gateway\"}")));

        assertThatThrownBy(() -> search(client(Map.of("retry.attempts", "3"))))
                .isInstanceOf(HubSpotException.class)
                .hasMessage("contacts search: HTTP 502 (bad gateway), gave up after 3 retries");
        hubspot.verify(4, postRequestedFor(urlEqualTo(SEARCH)));
        assertThat(sleeper.waits).hasSize(3);
    }

    @Test
    void connectionErrorsAreRetriedToo() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> search(client(Map.of("retry.attempts", "2"))))
                .isInstanceOf(HubSpotException.class)
                .hasMessageStartingWith("contacts search: connection failed (")
                .hasMessageEndingWith("gave up after 2 retries");
        hubspot.verify(3, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void http401FailsAtOnceWithoutTheToken() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(TestConfig.fixture("error-401.json"))));

        assertThatThrownBy(() -> search(client(Map.of())))
                .isInstanceOfSatisfying(HubSpotException.class, e -> assertThat(e.authentication()).isTrue())
                .hasMessage("contacts search: authentication failed (check token), HTTP 401")
                .hasMessageNotContaining(TestConfig.TOKEN);
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void http403IsAnAuthenticationFailureToo() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> search(client(Map.of())))
                .hasMessageContaining(HubSpotClient.AUTH_FAILED);
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void otherClientErrorsFailAtOnceWithHubSpotsMessage() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withStatus(400)
                .withBody(TestConfig.fixture("error-400-search-limit.json"))));

        assertThatThrownBy(() -> search(client(Map.of())))
                .hasMessage("contacts search: HTTP 400 (VALIDATION_ERROR: There was a problem with the request.)");
        hubspot.verify(1, postRequestedFor(urlEqualTo(SEARCH)));
    }

    @Test
    void aServerEchoingTheTokenDoesNotGetItIntoTheMessage() {
        hubspot.stubFor(post(SEARCH).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"bad token " + TestConfig.TOKEN + "\"}")));

        assertThatThrownBy(() -> search(client(Map.of())))
                .hasMessage("contacts search: HTTP 400 (bad token ****)");
    }
}

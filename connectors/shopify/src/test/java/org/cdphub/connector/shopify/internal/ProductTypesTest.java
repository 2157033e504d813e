package org.cdphub.connector.shopify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Product types from the Admin REST API's products.json, as Shopify documents it: batched and cached. */
class ProductTypesTest {

    static final String PATH = "/admin/api/2025-07/products.json";

    private final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());
    private ProductTypes types;

    @BeforeEach
    void start() {
        api.start();
        RetryingHttp http = new RetryingHttp(HttpClient.newHttpClient(), Map.of("X-Shopify-Access-Token", "shpat_x"),
                1, 1, ms -> { });
        types = new ProductTypes(http, URI.create(api.baseUrl()), "2025-07");
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void looksUpOnlyWhatItDoesNotKnowInOneRequestAndRemembersProductsThatAreGone() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("ids", equalTo("632910392,921728736,404"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"products\":["
                        + "{\"id\":632910392,\"product_type\":\"Cult Products\"},"
                        + "{\"id\":921728736,\"product_type\":\"\"}]}")));

        assertThat(types.of(List.of("632910392", "921728736", "404"))).containsExactly(
                Map.entry("632910392", "Cult Products"));
        assertThat(types.of(List.of("632910392", "404"))).containsOnlyKeys("632910392");

        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withHeader("X-Shopify-Access-Token", equalTo("shpat_x"))
                .withQueryParam("fields", equalTo("id,product_type")));
    }

    @Test
    void asksForAtMost250ProductsARequest() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withBody("{\"products\":[]}")));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            ids.add(String.valueOf(i));
        }

        assertThat(types.of(ids)).isEmpty();

        api.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aFailingApiIsReportedNotSwallowed() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> types.of(List.of("1"))).isInstanceOf(RetryingHttp.FailedRequest.class);
    }
}

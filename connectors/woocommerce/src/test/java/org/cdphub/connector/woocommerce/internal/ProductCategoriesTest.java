package org.cdphub.connector.woocommerce.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.OrderEvents;
import org.cdphub.spi.connector.support.http.RetryingHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Product categories from the REST API v3 products endpoint, as WooCommerce documents it: batched and cached. */
class ProductCategoriesTest {

    static final String PATH = "/wp-json/wc/v3/products";

    private final WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort());
    private ProductCategories categories;

    @BeforeEach
    void start() {
        api.start();
        RetryingHttp http = new RetryingHttp(HttpClient.newHttpClient(), Map.of("Authorization", "Basic eA=="), 1, 1,
                ms -> { });
        categories = new ProductCategories(http, URI.create(api.baseUrl()));
        api.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("include", equalTo("93,22"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("["
                        + "{\"id\":93,\"categories\":[{\"id\":9,\"name\":\"Clothing\",\"slug\":\"clothing\"},"
                        + "{\"id\":14,\"name\":\"T-shirts\",\"slug\":\"t-shirts\"}]},"
                        + "{\"id\":22,\"categories\":[]}]")));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void looksUpTheOrdersProductsOnceAndTheMapperUsesTheirCategories() throws Exception {
        var order = Store.json("order-created.json");
        assertThat(ProductCategories.missing(order)).containsExactly("93", "22");

        Map<String, List<String>> found = categories.of(ProductCategories.missing(order));
        assertThat(found).containsExactly(Map.entry("93", List.of("Clothing", "T-shirts")));
        assertThat(categories.of(List.of("93", "22"))).isEqualTo(found);
        api.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("_fields", equalTo("id,categories")));

        WooMapper mapper = new WooMapper("store", new IdentifierNormalizer("US"));
        Fragment f = ((Mapped.Accepted) mapper.order(order, Instant.parse("2025-03-01T09:00:00Z"), Map.of(), found))
                .fragment();
        assertThat(f.events().get(0).properties()).containsEntry(OrderEvents.CATEGORIES,
                List.of("Clothing", "T-shirts"));
    }
}

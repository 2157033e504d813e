package org.cdphub.connector.shopify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.OrderEvents;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** With an access token, an order webhook's categories come from the products' types (Shopify's line items lack it). */
class ShopifyProductLookupRoutesTest extends WebhookTestSupport {

    private static final WireMockServer API = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        API.start();
        API.stubFor(get(urlPathEqualTo(ProductTypesTest.PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"products\":[{\"id\":788032119674292922,\"product_type\":\"Shoes\"}]}")));
    }

    @AfterAll
    static void stopApi() {
        API.stop();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        Map<String, String> keys = new java.util.HashMap<>(Shop.minimal());
        keys.put("access.token", "shpat_lookup");
        keys.put("base.url", API.baseUrl());
        return new ShopifyRoutes(Shop.settings(keys), connector, Clock.systemUTC());
    }

    @Test
    void theOrderEventCarriesTheProductTypesAsCategories() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);
        byte[] body = Shop.bytes("orders-create.json");

        assertThat(post(body, shopify("orders/create", body, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        Fragment fragment = (Fragment) fragments.getExchanges().get(0).getMessage().getBody(List.class).get(0);
        assertThat(fragment.events().get(0).properties()).containsEntry(OrderEvents.CATEGORIES, List.of("Shoes"));
    }
}

package org.cdphub.connector.shopify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.OrderEvents;
import org.cdphub.spi.connector.test.TestConnectorContext;
import org.junit.jupiter.api.Test;

/** The webhook endpoint over real HTTP: signatures, topics, removals, dead letters. */
class ShopifyWebhookRoutesTest extends WebhookTestSupport {

    @Test
    void aSignedOrderIsAnsweredOkAndSentOnAsAFragmentWithItsOrderEvent() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);
        byte[] body = Shop.bytes("orders-create.json");

        HttpResponse<String> response = post(body, shopify("orders/create", body, Shop.SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        MockEndpoint.assertIsSatisfied(context);
        List<?> batch = fragments.getExchanges().get(0).getMessage().getBody(List.class);
        Fragment fragment = (Fragment) batch.get(0);
        assertThat(fragment.sourceRecordId()).isEqualTo("order/820982911946154508");
        assertThat(fragment.provenance()).containsEntry("topic", "orders/create")
                .containsEntry("shop", "jsmith.myshopify.com");
        assertThat(fragment.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("order");
            assertThat(e.properties()).containsEntry(OrderEvents.TOTAL, "404.95");
        });
        assertThat(fragments.getExchanges().get(0).getMessage().getHeaders()).as("no HTTP header reaches the queue")
                .doesNotContainKey("X-Shopify-Hmac-Sha256");
        assertThat(connector.recordsRead).hasValue(1);
    }

    @Test
    void aCustomerUpdateIsSentOnAsACustomerFragment() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);
        byte[] body = Shop.bytes("customers-update.json");

        assertThat(post(body, shopify("customers/update", body, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        Fragment fragment = (Fragment) fragments.getExchanges().get(0).getMessage().getBody(List.class).get(0);
        assertThat(fragment.sourceRecordId()).isEqualTo("customer/207119551");
        assertThat(fragment.consents()).hasSize(2);
    }

    @Test
    void aTamperedBodyAWrongSecretOrNoSignatureIs401AndNothingIsEmitted() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.DEAD_LETTERS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.REMOVALS).expectedMessageCount(0);
        byte[] body = Shop.bytes("orders-create.json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("404.95", "4.95").getBytes(StandardCharsets.UTF_8);
        Map<String, String> unsigned = new HashMap<>(shopify("orders/create", body, Shop.SECRET));
        unsigned.remove("X-Shopify-Hmac-Sha256");

        assertThat(post(tampered, shopify("orders/create", body, Shop.SECRET)).statusCode()).isEqualTo(401);
        assertThat(post(body, shopify("orders/create", body, "another-secret")).statusCode()).isEqualTo(401);
        HttpResponse<String> missing = post(body, unsigned);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).doesNotContain(Shop.SECRET);
        // a garbage body with no signature is refused before it is ever parsed
        assertThat(post("{not json".getBytes(StandardCharsets.UTF_8), unsigned).statusCode()).isEqualTo(401);
        // so is a form, which the HTTP server would otherwise take apart before the signature is checked
        byte[] form = "customer=1&total=4.95".getBytes(StandardCharsets.UTF_8);
        Map<String, String> unsignedForm = new HashMap<>(unsigned);
        unsignedForm.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(post(form, unsignedForm).statusCode()).isEqualTo(401);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(connector.failures).hasSize(5).allMatch(f -> f.contains("X-Shopify-Hmac-Sha256"))
                .noneMatch(f -> f.contains(Shop.SECRET));
        assertThat(connector.recordsRead).hasValue(0);
    }

    @Test
    void customersDeleteRemovesTheCustomersFragment() throws Exception {
        MockEndpoint removals = getMockEndpoint(TestConnectorContext.REMOVALS);
        removals.expectedMessageCount(1);
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        byte[] body = Shop.bytes("customers-delete.json");

        assertThat(post(body, shopify("customers/delete", body, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(removals.getExchanges().get(0).getMessage().getBody(List.class))
                .containsExactly("customer/706405506930370084");
    }

    @Test
    void customersRedactRemovesTheCustomerAndTheOrdersToRedact() throws Exception {
        MockEndpoint removals = getMockEndpoint(TestConnectorContext.REMOVALS);
        removals.expectedMessageCount(1);
        byte[] body = Shop.bytes("customers-redact.json");

        assertThat(post(body, shopify("customers/redact", body, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(removals.getExchanges().get(0).getMessage().getBody(List.class))
                .containsExactly("customer/191167", "order/299938", "order/280263", "order/220458");
    }

    @Test
    void aVerifiedPayloadThatCannotBeMappedIsDeadLetteredAndStillAnsweredOk() throws Exception {
        MockEndpoint dead = getMockEndpoint(TestConnectorContext.DEAD_LETTERS);
        dead.expectedMessageCount(2);
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        byte[] noId = new String(Shop.bytes("orders-create.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"id\": 820982911946154508,", "").getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);

        assertThat(post(noId, shopify("orders/updated", noId, Shop.SECRET)).statusCode()).isEqualTo(200);
        assertThat(post(notJson, shopify("customers/create", notJson, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter first = dead.getExchanges().get(0).getMessage().getBody(DeadLetter.class);
        assertThat(first.reason()).isEqualTo("order without id");
        assertThat(first.stage()).isEqualTo("connector.shop.map");
        assertThat(first.location()).contains("orders/updated").contains("b54557e4");
        assertThat(first.raw()).contains("jon@example.com");
        assertThat(dead.getExchanges().get(1).getMessage().getBody(DeadLetter.class).reason())
                .isEqualTo("body is not a JSON object");
    }

    @Test
    void anUnknownTopicIsAnsweredOkIgnoredAndCounted() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.DEAD_LETTERS).expectedMessageCount(0);
        byte[] body = "{\"id\":788032119674292922,\"title\":\"Example T-Shirt\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, shopify("products/create", body, Shop.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(connector.recordsRead).hasValue(1);
        assertThat(connector.failures).isEmpty();
    }

    @Test
    void onlyPostIsServed() throws Exception {
        assertThat(httpGet().statusCode()).isEqualTo(405);
    }
}

package org.cdphub.connector.woocommerce.internal;

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

/** The webhook endpoint over real HTTP: the ping, signatures, topics, removals, dead letters. */
class WooWebhookRoutesTest extends WebhookTestSupport {

    @Test
    void aSignedOrderIsAnsweredOkAndSentOnAsAFragmentWithItsOrderEvent() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);
        byte[] body = Store.bytes("order-created.json");

        HttpResponse<String> response = post(body, woo("order.created", body, Store.SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        MockEndpoint.assertIsSatisfied(context);
        Fragment fragment = (Fragment) fragments.getExchanges().get(0).getMessage().getBody(List.class).get(0);
        assertThat(fragment.sourceRecordId()).isEqualTo("order/727");
        assertThat(fragment.provenance()).containsEntry("topic", "order.created");
        assertThat(fragment.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("order");
            assertThat(e.properties()).containsEntry(OrderEvents.TOTAL, "29.35");
        });
        assertThat(fragments.getExchanges().get(0).getMessage().getHeaders()).doesNotContainKey("X-WC-Webhook-Signature");
        assertThat(connector.recordsRead).hasValue(1);
    }

    @Test
    void theUnsignedPingSentWhenAWebhookIsSavedIsAnsweredOkAndNothingElseHappens() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.DEAD_LETTERS).expectedMessageCount(0);

        HttpResponse<String> response = post("webhook_id=14".getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(200);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(connector.recordsRead).hasValue(0);
        assertThat(connector.failures).isEmpty();
    }

    @Test
    void aTamperedBodyAWrongSecretOrNoSignatureIs401AndNothingIsEmitted() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.DEAD_LETTERS).expectedMessageCount(0);
        getMockEndpoint(TestConnectorContext.REMOVALS).expectedMessageCount(0);
        byte[] body = Store.bytes("order-created.json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("29.35", "0.01").getBytes(StandardCharsets.UTF_8);
        Map<String, String> unsigned = new HashMap<>(woo("order.created", body, Store.SECRET));
        unsigned.remove("X-WC-Webhook-Signature");

        assertThat(post(tampered, woo("order.created", body, Store.SECRET)).statusCode()).isEqualTo(401);
        assertThat(post(body, woo("order.created", body, "not-the-secret")).statusCode()).isEqualTo(401);
        assertThat(post(body, unsigned).statusCode()).isEqualTo(401);
        // the ping form with a forged signature is no way around the check either
        byte[] ping = "webhook_id=14".getBytes(StandardCharsets.US_ASCII);
        assertThat(post(ping, woo("order.created", ping, "not-the-secret")).statusCode()).isEqualTo(401);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(connector.failures).hasSize(4).allMatch(f -> f.contains("X-WC-Webhook-Signature"))
                .noneMatch(f -> f.contains(Store.SECRET));
    }

    @Test
    void deletedOrdersAndCustomersAreRemoved() throws Exception {
        MockEndpoint removals = getMockEndpoint(TestConnectorContext.REMOVALS);
        removals.expectedMessageCount(2);
        byte[] order = Store.bytes("order-deleted.json");
        byte[] customer = Store.bytes("customer-deleted.json");

        assertThat(post(order, woo("order.deleted", order, Store.SECRET)).statusCode()).isEqualTo(200);
        assertThat(post(customer, woo("customer.deleted", customer, Store.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(removals.getExchanges().get(0).getMessage().getBody(List.class)).containsExactly("order/727");
        assertThat(removals.getExchanges().get(1).getMessage().getBody(List.class)).containsExactly("customer/25");
    }

    @Test
    void aCustomerIsSentOnAsACustomerFragment() throws Exception {
        MockEndpoint fragments = getMockEndpoint(TestConnectorContext.FRAGMENTS);
        fragments.expectedMessageCount(1);
        byte[] body = Store.bytes("customer-created.json");

        assertThat(post(body, woo("customer.updated", body, Store.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        Fragment fragment = (Fragment) fragments.getExchanges().get(0).getMessage().getBody(List.class).get(0);
        assertThat(fragment.sourceRecordId()).isEqualTo("customer/25");
    }

    @Test
    void aVerifiedPayloadThatCannotBeMappedIsDeadLetteredAndStillAnsweredOk() throws Exception {
        MockEndpoint dead = getMockEndpoint(TestConnectorContext.DEAD_LETTERS);
        dead.expectedMessageCount(1);
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        byte[] body = new String(Store.bytes("order-created.json"), StandardCharsets.UTF_8)
                .replace("\"total\": \"29.35\"", "\"total\": null").getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, woo("order.updated", body, Store.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = dead.getExchanges().get(0).getMessage().getBody(DeadLetter.class);
        assertThat(letter.reason()).contains("order 727").contains("total");
        assertThat(letter.location()).contains("order.updated").contains("0e1a2c1e");
        assertThat(letter.stage()).isEqualTo("connector.store.map");
    }

    @Test
    void otherTopicsAreAnsweredOkIgnoredAndCounted() throws Exception {
        getMockEndpoint(TestConnectorContext.FRAGMENTS).expectedMessageCount(0);
        byte[] body = "{\"id\":794,\"name\":\"Premium Quality\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, woo("product.updated", body, Store.SECRET)).statusCode()).isEqualTo(200);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(connector.recordsRead).hasValue(1);
    }

    @Test
    void onlyPostIsServed() throws Exception {
        assertThat(httpGet().statusCode()).isEqualTo(405);
    }
}

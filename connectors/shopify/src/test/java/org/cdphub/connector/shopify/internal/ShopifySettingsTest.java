package org.cdphub.connector.shopify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

class ShopifySettingsTest {

    @Test
    void defaultsApplyToKeysNotGiven() {
        ShopifySettings s = Shop.settings(Shop.minimal());

        assertThat(s.webhookPath()).isEqualTo("/webhooks/shopify/shop");
        assertThat(s.backfill()).isFalse();
        assertThat(s.apiVersion()).isEqualTo("2025-07");
        assertThat(s.intervalMinutes()).isEqualTo(60);
        assertThat(s.maxRetries()).isEqualTo(5);
        assertThat(s.categoryField()).isEqualTo("product_type");
        assertThat(s.normalizer().defaultRegion()).isEqualTo("NL");
    }

    @Test
    void theApiLivesOnTheShopDomainUnlessABaseUrlIsGiven() {
        Map<String, String> keys = Shop.minimal();
        keys.put("shop.domain", "my-shop.myshopify.com");
        assertThat(Shop.settings(keys).apiBase()).isEqualTo(URI.create("https://my-shop.myshopify.com"));
        keys.put("base.url", "http://127.0.0.1:8089/");
        assertThat(Shop.settings(keys).apiBase()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        Map<String, String> keys = Shop.minimal();
        keys.put("id", "Bad Id");
        keys.remove("webhook.secret");
        keys.put("backfill.enabled", "yes");
        keys.put("backfill.since", "last week");
        keys.put("backfill.max.retries", "many");
        keys.put("api.version", "v1");
        keys.put("phone.default.region", "XX");
        keys.put("base.url", "ftp://example.com");

        assertThatThrownBy(() -> Shop.settings(keys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id: 'Bad Id'").hasMessageContaining("webhook.secret: required")
                .hasMessageContaining("backfill.enabled: expected true or false")
                .hasMessageContaining("backfill.since: expected an ISO-8601 instant")
                .hasMessageContaining("backfill.max.retries: 'many' is not a whole number")
                .hasMessageContaining("api.version:").hasMessageContaining("phone.default.region:")
                .hasMessageContaining("base.url: expected an http(s) URL");
    }

    @Test
    void theBackfillNeedsAShopAndAToken() {
        Map<String, String> keys = Shop.minimal();
        keys.put("backfill.enabled", "true");

        assertThatThrownBy(() -> Shop.settings(keys)).hasMessageContaining("shop.domain: required when backfill")
                .hasMessageContaining("access.token: required when backfill");
    }

    @Test
    void secretsAreMaskedInTheConnectorInfoAndNeverInErrors() {
        Map<String, String> keys = Shop.minimal();
        keys.put("shop.domain", "my-shop.myshopify.com");
        keys.put("access.token", "shpat_very_secret");
        keys.put("backfill.enabled", "true");
        ShopifyConnector connector = new ShopifyConnector(Shop.config(keys));

        assertThat(connector.info().type()).isEqualTo("shopify");
        assertThat(connector.info().direction()).isEqualTo(Direction.INBOUND);
        assertThat(connector.info().settings()).containsEntry("webhook.secret", "****")
                .containsEntry("access.token", "****").containsEntry("webhook.path", "/webhooks/shopify/shop");
        assertThat(connector.info().settings().values()).noneMatch(v -> v.contains(Shop.SECRET) || v.contains("shpat"));
        assertThat(Shop.settings(keys).toString()).doesNotContain(Shop.SECRET).doesNotContain("shpat");

        keys.put("backfill.interval.minutes", "-1");
        assertThatThrownBy(() -> Shop.settings(keys)).message().doesNotContain(Shop.SECRET).doesNotContain("shpat");
    }
}

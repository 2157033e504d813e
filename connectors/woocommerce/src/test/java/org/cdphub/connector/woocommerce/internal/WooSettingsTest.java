package org.cdphub.connector.woocommerce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;

class WooSettingsTest {

    @Test
    void defaultsApplyToKeysNotGiven() {
        WooSettings s = Store.settings(Store.minimal());

        assertThat(s.webhookPath()).isEqualTo("/webhooks/woocommerce/store");
        assertThat(s.backfill()).isFalse();
        assertThat(s.intervalMinutes()).isEqualTo(60);
        assertThat(s.maxRetries()).isEqualTo(5);
        assertThat(s.backoffMs()).isEqualTo(1000);
        assertThat(s.normalizer().defaultRegion()).isEqualTo("NL");
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        Map<String, String> keys = Store.minimal();
        keys.put("id", "");
        keys.put("webhook.secret", " ");
        keys.put("site.url", "shop.example.com");
        keys.put("backfill.enabled", "sometimes");
        keys.put("backfill.backoff.ms", "0");

        assertThatThrownBy(() -> Store.settings(keys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id: ''").hasMessageContaining("webhook.secret: required")
                .hasMessageContaining("site.url: expected an http(s) URL")
                .hasMessageContaining("backfill.enabled: expected true or false")
                .hasMessageContaining("backfill.backoff.ms: must be between 1 and 600000, got 0");
    }

    @Test
    void theBackfillNeedsASiteAndCredentials() {
        Map<String, String> keys = Store.minimal();
        keys.put("backfill.enabled", "true");

        assertThatThrownBy(() -> Store.settings(keys)).hasMessageContaining("site.url: required when backfill")
                .hasMessageContaining("consumer.key: required").hasMessageContaining("consumer.secret: required");
    }

    @Test
    void credentialsAreMaskedAndSentAsHttpBasic() {
        Map<String, String> keys = Store.minimal();
        keys.put("site.url", "https://shop.example.com/");
        keys.put("consumer.key", "ck_1234");
        keys.put("consumer.secret", "cs_5678");
        keys.put("backfill.enabled", "true");
        WooConnector connector = new WooConnector(Store.config(keys));

        assertThat(connector.info().type()).isEqualTo("woocommerce");
        assertThat(connector.info().direction()).isEqualTo(Direction.INBOUND);
        assertThat(connector.info().settings()).containsEntry("site.url", "https://shop.example.com")
                .containsEntry("webhook.secret", "****").containsEntry("consumer.key", "****")
                .containsEntry("consumer.secret", "****");
        assertThat(Store.settings(keys).toString()).doesNotContain(Store.SECRET).doesNotContain("ck_1234")
                .doesNotContain("cs_5678");
        // base64("ck_1234:cs_5678")
        assertThat(Store.settings(keys).basicAuthorization()).isEqualTo("Basic Y2tfMTIzNDpjc181Njc4");
    }
}

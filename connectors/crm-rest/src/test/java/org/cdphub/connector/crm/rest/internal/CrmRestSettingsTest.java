package org.cdphub.connector.crm.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.spi.connector.ConnectorInfo;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrmRestSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "crm-hubspot");
        keys.put("token", TestConfig.TOKEN);
        return keys;
    }

    @Test
    void defaultsApplyToKeysNotGiven() {
        CrmRestSettings s = TestConfig.settings(minimal());

        assertThat(s.baseUrl()).hasToString("https://api.hubapi.com");
        assertThat(s.limit()).isEqualTo(100);
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.syncSince()).isEqualTo(Instant.EPOCH);
        assertThat(s.deletions()).isTrue();
        assertThat(s.retryAttempts()).isEqualTo(5);
        assertThat(s.retryMaxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.properties()).contains("email", "phone", "mobilephone", "hs_email_optout",
                "hs_merged_object_ids", "lastmodifieddate");
    }

    @Test
    void keysCanBeSetAndLastmodifieddateIsAlwaysRead() {
        Map<String, String> keys = minimal();
        keys.put("base.url", "http://localhost:8089/");
        keys.put("properties", "email, firstname ,jobtitle");
        keys.put("limit", "200");
        keys.put("poll.interval", "PT10S");
        keys.put("sync.since", "2024-01-01");
        keys.put("deletions", "false");
        CrmRestSettings s = TestConfig.settings(keys);

        assertThat(s.baseUrl()).hasToString("http://localhost:8089");
        assertThat(s.properties()).containsExactly("email", "firstname", "jobtitle", "lastmodifieddate");
        assertThat(s.limit()).isEqualTo(200);
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.syncSince()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(s.deletions()).isFalse();
    }

    @Test
    void theTokenIsMaskedInConnectorInfoAndToString() {
        CrmRestSettings s = TestConfig.settings(minimal());
        ConnectorInfo info = new CrmRestConnector(s, Sleeper.THREAD, java.time.Clock.systemUTC()).info();

        assertThat(info.type()).isEqualTo("crm-rest");
        assertThat(info.direction()).isEqualTo(Direction.INBOUND);
        assertThat(info.settings()).containsEntry("token", "****").containsEntry("base.url", "https://api.hubapi.com");
        assertThat(info.settings().toString()).doesNotContain(TestConfig.TOKEN);
        assertThat(s.toString()).doesNotContain(TestConfig.TOKEN);
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "id            | Crm Hubspot | id: 'Crm Hubspot' must be 1-63 characters",
        "token         | ' '         | token: required",
        "base.url      | ftp://x.org | base.url: expected an http(s) URL",
        "base.url      | api.hubapi.com | base.url: expected an http(s) URL",
        "limit         | 0           | limit: must be between 1 and 200, got 0",
        "limit         | 201         | limit: must be between 1 and 200, got 201",
        "limit         | many        | limit: 'many' is not a whole number",
        "poll.interval | PT5S        | poll.interval: must be between PT10S and PT24H, got PT5S",
        "poll.interval | 5 minutes   | poll.interval: '5 minutes' is not an ISO-8601 duration",
        "sync.since    | yesterday   | sync.since: expected an instant",
        "properties    | email,first name | properties: 'first name' is not a HubSpot property name",
        "deletions     | maybe       | deletions: expected true or false",
        "retry.attempts | -1         | retry.attempts: must be between 0 and 20",
        "phone.default.region | XX   | phone.default.region: unknown phone region 'XX'",
    })
    void anInvalidValueFailsWithAMessageNamingTheKey(String key, String value, String message) {
        Map<String, String> keys = minimal();
        keys.put(key, value);

        assertThatThrownBy(() -> TestConfig.settings(keys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).hasMessageNotContaining(TestConfig.TOKEN);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> keys = new HashMap<>();
        keys.put("limit", "500");

        assertThatThrownBy(() -> TestConfig.settings(keys))
                .hasMessage("id: required, e.g. crm-hubspot; token: required, the access token of a HubSpot private "
                        + "app with scope crm.objects.contacts.read; limit: must be between 1 and 200, got 500");
    }
}

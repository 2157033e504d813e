package org.cdphub.connector.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmJdbcSettingsTest {

    @Test
    void defaultsApply() {
        CrmJdbcSettings s = TestConfigs.settings(TestConfigs.valid());
        assertThat(s.tables()).isEqualTo(new CrmJdbcSettings.Tables("contacts", "id", "updated_at", null, "accounts",
                "account_id", "id"));
        assertThat(s.batchSize()).isEqualTo(500);
        assertThat(s.pollInterval()).isEqualTo(60_000);
        assertThat(s.retryAttempts()).isEqualTo(3);
        assertThat(s.zone().getId()).isEqualTo("UTC");
        assertThat(s.mapping().describe()).isEqualTo(TestConfigs.MAPPING);
    }

    @Test
    void thePasswordIsMaskedInTheSettingsAndInMessages() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("jdbc.password", "pa55word");
        keys.put("jdbc.url", "jdbc:postgresql://db/crm?user=crm&password=other-secret&ssl=true");
        CrmJdbcSettings s = TestConfigs.settings(keys);

        assertThat(s.describe()).containsEntry("jdbc.password", "****")
                .containsEntry("jdbc.url", "jdbc:postgresql://db/crm?user=crm&password=****&ssl=true");
        assertThat(s.describe().values()).noneMatch(v -> v.contains("pa55word") || v.contains("other-secret"));
        assertThat(s.scrub("login with pa55word / other-secret refused")).isEqualTo("login with **** / **** refused");
    }

    @Test
    void tableAndColumnNamesMustBePlainIdentifiersAndTheMessageNamesTheKey() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("contacts.table", "contacts; drop table accounts");
        keys.put("key.column", "\"id\"");
        keys.put("modified.column", "updated at");
        keys.put("deleted.column", "deleted_at--");
        keys.put("accounts.table", "crm.accounts.x");
        keys.put("mapping", "email=email, e-mail=email");

        assertThatThrownBy(() -> TestConfigs.settings(keys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contacts.table: 'contacts; drop table accounts' is not a table name")
                .hasMessageContaining("key.column: '\"id\"' is not a column name")
                .hasMessageContaining("modified.column: 'updated at' is not a column name")
                .hasMessageContaining("deleted.column: 'deleted_at--' is not a column name")
                .hasMessageContaining("accounts.table: 'crm.accounts.x' is not a table name")
                .hasMessageContaining("mapping: 'e-mail' is not a column name");
    }

    @Test
    void aSchemaQualifiedTableIsAccepted() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("contacts.table", "crm.contact");
        keys.put("accounts.table", "");
        keys.put("accounts.mapping", "");
        CrmJdbcSettings s = TestConfigs.settings(keys);
        assertThat(s.tables().contacts()).isEqualTo("crm.contact");
        assertThat(s.tables().accountsTable()).isNull();
        assertThat(s.describe()).containsEntry("accounts.table", "").doesNotContainKey("accounts.mapping");
    }

    @Test
    void mappingsAreChecked() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("mapping", "id=recordId");
        keys.put("accounts.mapping", "email=email");
        assertThatThrownBy(() -> TestConfigs.settings(keys))
                .hasMessageContaining("mapping: target 'recordId' for column 'id' comes from key.column")
                .hasMessageContaining("accounts.mapping: target 'email' for column 'email': account columns map to");

        keys.put("mapping", "name=trait.company");
        keys.put("accounts.mapping", "name=trait.company");
        assertThatThrownBy(() -> TestConfigs.settings(keys)).hasMessage(
                "accounts.mapping: trait 'company' of column 'name' is also mapped from contact column 'name'");

        keys.remove("mapping");
        keys.put("accounts.mapping", "");
        assertThatThrownBy(() -> TestConfigs.settings(keys)).hasMessageStartingWith("mapping: required");
    }

    @Test
    void otherKeysAreCheckedAllAtOnce() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("id", "CRM");
        keys.put("jdbc.url", "jdbc:mysql://db/crm?password=hidden");
        keys.put("batch.size", "0");
        keys.put("poll.interval", "soon");
        keys.put("timezone", "Mars/Olympus");
        keys.put("accounts.table", " ");

        assertThatThrownBy(() -> TestConfigs.settings(keys)).hasMessage(String.join("; ",
                "id: 'CRM' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit",
                "jdbc.url: 'jdbc:mysql://db/crm?password=****' is not a URL of a supported database "
                        + "(jdbc:postgresql:, jdbc:h2:)",
                "accounts.mapping: needs accounts.table, which is empty",
                "timezone: unknown time zone 'Mars/Olympus', e.g. UTC or Europe/Amsterdam",
                "batch.size: must be between 1 and 10000, got 0",
                "poll.interval: 'soon' is not a whole number"));
    }
}

package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cdphub.spi.connector.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrmCsvSettingsTest {

    @TempDir
    Path inbox;

    @Test
    void defaultsApplyToKeysNotGiven() {
        CrmCsvSettings s = CrmCsvSettings.from(Presets.config(Presets.valid(inbox)));

        assertThat(s.id()).isEqualTo("crm-salesforce");
        assertThat(s.inbox()).isEqualTo(inbox.toAbsolutePath());
        assertThat(s.delimiter()).isEqualTo(',');
        assertThat(s.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(s.normalizer().defaultRegion()).isEqualTo("NL");
        assertThat(s.batchSize()).isEqualTo(500);
        assertThat(s.pollDelayMs()).isEqualTo(1000);
        assertThat(s.mapping().recordIdColumn()).isEqualTo("Id");
        assertThat(s.mapping().observedAtColumn()).contains("LastModifiedDate");
    }

    @Test
    void everyKeyCanBeSet() {
        Map<String, String> keys = Presets.valid(inbox);
        keys.put("delimiter", ";");
        keys.put("charset", "windows-1252");
        keys.put("phone.default.region", "be");
        keys.put("batch.size", " 50 ");
        keys.put("poll.delay.ms", "250");
        CrmCsvSettings s = CrmCsvSettings.from(Presets.config(keys));

        assertThat(s.delimiter()).isEqualTo(';');
        assertThat(s.charset().name()).isEqualTo("windows-1252");
        assertThat(s.normalizer().defaultRegion()).isEqualTo("BE");
        assertThat(s.batchSize()).isEqualTo(50);
        assertThat(s.pollDelayMs()).isEqualTo(250);
    }

    @Test
    void tabCanBeWrittenAsBackslashT() {
        Map<String, String> keys = Presets.valid(inbox);
        keys.put("delimiter", "\\t");
        assertThat(CrmCsvSettings.from(Presets.config(keys)).delimiter()).isEqualTo('\t');
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "id|Salesforce CRM|id: 'Salesforce CRM' must be 1-63 characters of a-z, 0-9 and '-'",
        "id||id: required",
        "inbox||inbox: required",
        "mapping||mapping: required",
        "mapping|Id=recordId, Email=foo|mapping: unknown target 'foo' for column 'Email'",
        "mapping|Email=email|mapping: no column is mapped to recordId (exactly one must be)",
        "mapping|Id=recordId, Key=recordId|mapping: target 'recordId' is mapped from both 'Id' and 'Key'",
        "mapping|Id=recordId, Email|mapping: entry 'Email' has no '=' (expected <Column>=<target>)",
        "mapping|Id=recordId, =email|mapping: entry '=email' has no column name before '='",
        "mapping|Id=recordId, Email=email, Email=phone|mapping: column 'Email' is mapped more than once",
        "mapping|Id=recordId, Name=trait.1st|mapping: invalid trait name '1st' for column 'Name'",
        "mapping|Id=recordId, A=trait.name, B=trait.name|mapping: target 'trait.name' is mapped from both 'A' and 'B'",
        "mapping|Id=recordId, Opt=consent.marketing|mapping: invalid consent target 'consent.marketing' for column 'Opt'",
        "mapping|Id=recordId, Opt=consent.Marketing.email|mapping: invalid consent target 'consent.Marketing.email'",
        "delimiter|;;|delimiter: must be one character other than '\"' and a line break, or \\t for tab, got ';;'",
        "charset|UTF-9|charset: unknown character set 'UTF-9'",
        "phone.default.region|XX|phone.default.region: unknown phone region 'XX'",
        "batch.size|0|batch.size: must be between 1 and 10000, got 0",
        "batch.size|many|batch.size: 'many' is not a whole number",
        "poll.delay.ms|-5|poll.delay.ms: must be between 10 and 3600000, got -5",
    })
    void invalidValuesAreReportedWithTheirKey(String key, String value, String message) {
        Map<String, String> keys = Presets.valid(inbox);
        keys.put(key, value == null ? "" : value);

        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        Map<String, String> keys = Presets.valid(inbox);
        keys.remove("id");
        keys.put("batch.size", "0");
        keys.put("mapping", "Email=email");

        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys)))
                .hasMessage("id: required, e.g. crm-salesforce; mapping: no column is mapped to recordId "
                        + "(exactly one must be); batch.size: must be between 1 and 10000, got 0");
    }

    @Test
    void anInboxThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(inbox.resolve("not-a-folder"), "x");
        Map<String, String> keys = Presets.valid(file);

        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys)))
                .hasMessageContaining("inbox: '" + file + "' exists but is not a folder");
    }

    @Test
    void theConnectorDescribesItselfAsAnInboundCrmCsvInstance() {
        CrmCsvConnector connector = new CrmCsvConnector(Presets.config(Presets.valid(inbox)));

        assertThat(connector.info().id()).isEqualTo("crm-salesforce");
        assertThat(connector.info().type()).isEqualTo("crm-csv");
        assertThat(connector.info().direction()).isEqualTo(Direction.INBOUND);
        assertThat(connector.info().settings())
                .containsEntry("inbox", inbox.toAbsolutePath().toString())
                .containsEntry("mapping", Presets.SALESFORCE)
                .containsEntry("batch.size", "500")
                .containsEntry("phone.default.region", "NL");
        assertThat(connector.requiredConsent()).isEmpty();
    }
}

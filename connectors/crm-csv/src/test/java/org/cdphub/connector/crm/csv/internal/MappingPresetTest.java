package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each preset maps a fixture with its CRM's real export header; explicit settings override preset entries. */
class MappingPresetTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/presets");

    @TempDir
    Path inbox;

    @Test
    void hubspot() {
        List<Fragment> f = read(settings("crm-hubspot", "hubspot"), "hubspot-contacts.csv");

        assertThat(f).extracting(Fragment::sourceRecordId).containsExactly("51234567801", "51234567802", "51234567803");
        assertThat(f.get(0).identifiers()).containsExactly(new Identifier("crmId", "crm-hubspot:51234567801"),
                new Identifier("email", "ann.devries@example.com"), new Identifier("phone", "+31612345678"));
        assertThat(f.get(0).traits()).containsExactly(Map.entry("firstName", "Ann"), Map.entry("lastName", "de Vries"),
                Map.entry("country", "NL"), Map.entry("company", "Acme BV"),
                Map.entry("marketingContactStatus", "Marketing contact"));
        assertThat(f.get(0).observedAt()).isEqualTo(Instant.parse("2024-05-02T10:15:00Z"));
        assertThat(f.get(0).consents()).isEmpty(); // "false": not unsubscribed, which is no consent either
        assertThat(f.get(1).consents()).extracting(Consent::purpose, Consent::channel, Consent::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("marketing", "email", ConsentStatus.DENIED));
        assertThat(f.get(2).identifiers()).extracting(Identifier::type).containsExactly("crmId", "email");
    }

    @Test
    void salesforce() {
        List<Fragment> f = read(settings("crm-salesforce", "salesforce"), "salesforce-contacts.csv");

        assertThat(f).extracting(Fragment::sourceRecordId).containsExactly("0035g00000Xk1AAAAZ", "0035g00000Xk1ABAAZ");
        assertThat(f.get(0).identifiers()).extracting(Identifier::key).containsExactly(
                "crmId:crm-salesforce:0035g00000Xk1AAAAZ", "email:ann.devries@example.com", "phone:+31612345678");
        assertThat(f.get(0).traits()).containsExactly(Map.entry("firstName", "Ann"), Map.entry("lastName", "de Vries"),
                Map.entry("city", "Utrecht"), Map.entry("country", "NL"), Map.entry("jobTitle", "Buyer"));
        assertThat(f.get(0).observedAt()).isEqualTo(Instant.parse("2024-03-14T09:21:07Z"));
        assertThat(f.get(1).identifiers()).extracting(Identifier::key).contains("phone:+4915123456789",
                "phone:+49301234567");
        assertThat(f.get(1).consents()).extracting(c -> c.channel() + ":" + c.status())
                .containsExactly("email:DENIED", "phone:DENIED");
    }

    @Test
    void pipedrive() {
        List<Fragment> f = read(settings("crm-pipedrive", "pipedrive"), "pipedrive-contacts.csv");

        assertThat(f).extracting(Fragment::sourceRecordId).containsExactly("101", "102");
        assertThat(f.get(0).identifiers()).extracting(Identifier::key).containsExactly("crmId:crm-pipedrive:101",
                "email:ann.devries@example.com", "email:ann@example.org", "phone:+31612345678");
        assertThat(f.get(0).traits()).containsEntry("company", "Acme BV").containsEntry("marketingStatus", "Subscribed");
        assertThat(f.get(0).observedAt()).isEqualTo(Instant.parse("2024-05-02T10:15:30Z"));
        assertThat(f.get(1).identifiers()).extracting(Identifier::key).contains("phone:+31201234567");
    }

    @Test
    void zoho() {
        List<Fragment> f = read(settings("crm-zoho", "zoho"), "zoho-contacts.csv");

        assertThat(f).extracting(Fragment::sourceRecordId)
                .containsExactly("zcrm_4876876000000211", "zcrm_4876876000000212");
        assertThat(f.get(0).traits()).containsEntry("company", "Acme BV").containsEntry("country", "Netherlands")
                .containsEntry("city", "Utrecht");
        assertThat(f.get(0).observedAt()).isEqualTo(Instant.parse("2024-05-02T10:15:30Z"));
        assertThat(f.get(1).consents()).extracting(Consent::status).containsExactly(ConsentStatus.DENIED);
        assertThat(f.get(1).identifiers()).extracting(Identifier::key).contains("phone:+31201234567");
    }

    @Test
    void theShippedDemoExportsMapAlikeWithAPresetAndWithTheExplicitMapping() {
        for (String[] c : new String[][] {{"hubspot", Presets.HUBSPOT, "hubspot-contacts.csv"},
                {"salesforce", Presets.SALESFORCE, "salesforce-contacts.csv"}}) {
            Map<String, String> explicit = valid("crm-x");
            explicit.put("mapping", c[1]);
            Path file = Presets.FIXTURES.resolve(c[2]);
            assertThat(readFile(settings("crm-x", c[0]), file)).isEqualTo(readFile(CrmCsvSettings.from(
                    Presets.config(explicit)), file));
        }
    }

    /** The distribution's demo configurations use the presets: its demo files must come out exactly as before. */
    @Test
    void theDistributionsDemoFilesMapAlikeWithAPresetAndWithTheExplicitMapping() {
        Path demo = Path.of("../../assembly/src/main/resources/demo");
        for (String[] c : new String[][] {{"hubspot", Presets.HUBSPOT, "crm-hubspot/contacts.csv"},
                {"salesforce", Presets.SALESFORCE, "crm-salesforce/contacts.csv"}}) {
            Map<String, String> explicit = valid("crm-x");
            explicit.put("mapping", c[1]);
            Path file = demo.resolve(c[2]);
            List<Object> withPreset = readAll(settings("crm-x", c[0]), file);
            assertThat(withPreset).hasSizeGreaterThan(170).isEqualTo(readAll(CrmCsvSettings.from(
                    Presets.config(explicit)), file));
        }
    }

    @Test
    void explicitSettingsOverrideThePreset() throws Exception {
        Map<String, String> keys = valid("crm-hubspot");
        keys.put("preset", "hubspot");
        keys.put("mapping", "Email=ignore, Lead Status=trait.leadStatus, Contact ID=recordId");
        keys.put("delimiter", ";");
        keys.put("date.format", "dd/MM/yyyy HH:mm");
        CrmCsvSettings s = CrmCsvSettings.from(Presets.config(keys));

        assertThat(s.delimiter()).isEqualTo(';');
        assertThat(s.mapping().recordIdColumn()).isEqualTo("Contact ID");
        assertThat(s.mapping().requiredColumns()).containsExactly("Lead Status", "Contact ID");
        assertThat(s.describe()).containsEntry("preset", "hubspot").containsEntry("date.format", "dd/MM/yyyy HH:mm");
        Path file = Files.writeString(inbox.resolve("x.csv"),
                "Contact ID;Email;Lead Status;Last Modified Date\n7;not-read;Open;14/03/2024 09:21\n");

        List<Fragment> f = readFile(s, file);
        assertThat(f).singleElement().satisfies(one -> {
            assertThat(one.sourceRecordId()).isEqualTo("7");
            assertThat(one.identifiers()).extracting(Identifier::type).containsExactly("crmId");
            assertThat(one.traits()).containsExactly(Map.entry("leadStatus", "Open"));
            assertThat(one.observedAt()).isEqualTo(Instant.parse("2024-03-14T09:21:00Z"));
        });
    }

    @Test
    void aFileWithoutThePresetsRecordIdColumnIsRefused() throws Exception {
        Path file = Files.writeString(inbox.resolve("x.csv"), "Email\na@example.com\n");
        ContactFileReader reader = settings("crm-zoho", "zoho").reader();
        assertThatThrownBy(() -> reader.open(file)).hasMessageContaining("lacks 'Record Id'");
    }

    @Test
    void anUnknownPresetOrABadDateFormatFailsActivationNamingTheKey() {
        Map<String, String> keys = valid("crm-x");
        keys.put("preset", "dynamics");
        keys.put("date.format", "dd/MM/yyyy HH:mm ppp{");
        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys))).hasMessageStartingWith(
                "preset: unknown preset 'dynamics' (known: hubspot, pipedrive, salesforce, zoho); date.format: "
                        + "invalid pattern 'dd/MM/yyyy HH:mm ppp{'");

        keys.remove("preset");
        keys.remove("date.format");
        keys.put("preset", "../presets/hubspot");
        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys)))
                .hasMessageStartingWith("preset: unknown preset '../presets/hubspot'");
    }

    @Test
    void withoutAPresetTheMappingIsRequired() {
        Map<String, String> keys = valid("crm-x");
        assertThatThrownBy(() -> CrmCsvSettings.from(Presets.config(keys)))
                .hasMessageStartingWith("mapping: required (or a preset)");
    }

    private CrmCsvSettings settings(String id, String preset) {
        Map<String, String> keys = valid(id);
        keys.put("preset", preset);
        return CrmCsvSettings.from(Presets.config(keys));
    }

    private Map<String, String> valid(String id) {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", id);
        keys.put("inbox", inbox.toString());
        return keys;
    }

    /** Fragments and rejections (the demo has bad rows on purpose). */
    private static List<Object> readAll(CrmCsvSettings settings, Path file) {
        List<Object> all = new ArrayList<>();
        try (ContactBatches batches = settings.reader().open(file)) {
            batches.forEachRemaining(b -> {
                all.addAll(b.fragments());
                all.addAll(b.rejections());
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all;
    }

    private static List<Fragment> read(CrmCsvSettings settings, String fixture) {
        return readFile(settings, FIXTURES.resolve(fixture));
    }

    private static List<Fragment> readFile(CrmCsvSettings settings, Path file) {
        List<Fragment> fragments = new ArrayList<>();
        try (ContactBatches batches = settings.reader().open(file)) {
            batches.forEachRemaining(b -> {
                assertThat(b.rejections()).isEmpty();
                fragments.addAll(b.fragments());
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fragments;
    }
}

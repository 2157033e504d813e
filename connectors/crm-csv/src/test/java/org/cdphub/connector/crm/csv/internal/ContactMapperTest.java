package org.cdphub.connector.crm.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactMapperTest {

    private static final Instant MODIFIED = Instant.parse("2024-06-01T00:00:00Z");
    private static final CsvHeader SALESFORCE = CsvHeader.of("Id", "FirstName", "LastName", "Email", "MobilePhone",
            "MailingCountry", "HasOptedOutOfEmail", "LastModifiedDate");
    private static final CsvHeader HUBSPOT = CsvHeader.of("Record ID", "First Name", "Last Name", "Email",
            "Phone Number", "Country/Region", "Marketing contact status", "Last Modified Date");

    private final ContactMapper salesforce = Presets.mapper("crm-salesforce", Presets.SALESFORCE);
    private final ContactMapper hubspot = Presets.mapper("crm-hubspot", Presets.HUBSPOT);

    @Test
    void mapsASalesforceContact() {
        Fragment f = mapped(salesforce.map(SALESFORCE, List.of("0035g00000Xk1AAAAZ", "Ann", "de Vries",
                "Ann.DeVries@Example.com ", "06 12345678", "NL", "false", "2024-03-14T09:21:07.000Z"), at(2)));

        assertThat(f.source()).isEqualTo("crm-salesforce");
        assertThat(f.sourceRecordId()).isEqualTo("0035g00000Xk1AAAAZ");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2024-03-14T09:21:07Z"));
        assertThat(f.identifiers()).containsExactly(
                new Identifier("crmId", "crm-salesforce:0035g00000Xk1AAAAZ"),
                new Identifier("email", "ann.devries@example.com"),
                new Identifier("phone", "+31612345678"));
        assertThat(f.traits()).containsExactly(Map.entry("firstName", "Ann"), Map.entry("lastName", "de Vries"),
                Map.entry("country", "NL"));
        assertThat(f.consents()).as("HasOptedOutOfEmail=false is no consent").isEmpty();
        assertThat(f.events()).isEmpty();
        assertThat(f.provenance()).containsExactly(Map.entry("file", "contacts.csv"), Map.entry("line", "2"));
    }

    @Test
    void salesforceOptOutTrueDeniesTheConsent() {
        Fragment f = mapped(salesforce.map(SALESFORCE, List.of("003B", "Jürgen", "Müller", "j.mueller@example.de",
                "+49 151 23456789", "DE", "true", "2024-02-29T16:05:44.000Z"), at(3)));

        assertThat(f.consents()).extracting(Consent::status).containsExactly(ConsentStatus.DENIED);
        assertThat(f.identifiers()).contains(new Identifier("phone", "+4915123456789"));
    }

    @Test
    void mapsAHubSpotContact() {
        Fragment f = mapped(hubspot.map(HUBSPOT, List.of("51234567801", "Ann", "de Vries", "ann.devries@example.com",
                "+31 6 12345678", "NL", "Marketing contact", "2024-05-02 10:15"), at(2)));

        assertThat(f.source()).isEqualTo("crm-hubspot");
        assertThat(f.sourceRecordId()).isEqualTo("51234567801");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2024-05-02T10:15:00Z"));
        assertThat(f.identifiers()).containsExactly(new Identifier("crmId", "crm-hubspot:51234567801"),
                new Identifier("email", "ann.devries@example.com"), new Identifier("phone", "+31612345678"));
        assertThat(f.traits()).containsEntry("marketingContactStatus", "Marketing contact")
                .containsEntry("country", "NL");
        assertThat(f.consents()).isEmpty();
    }

    @Test
    void emptyValuesAreAbsentAndNoConsentIsRecorded() {
        Fragment f = mapped(hubspot.map(HUBSPOT, List.of("51234567804", "Emma", "", " ", "", "DE", "", ""), at(5)));

        assertThat(f.identifiers()).containsExactly(new Identifier("crmId", "crm-hubspot:51234567804"));
        assertThat(f.traits()).containsOnlyKeys("firstName", "country");
        assertThat(f.consents()).isEmpty();
    }

    @Test
    void withoutAnObservedAtValueTheFileTimeIsUsed() {
        Fragment f = mapped(hubspot.map(HUBSPOT, List.of("1", "A", "B", "", "", "", "", ""), at(2)));
        assertThat(f.observedAt()).isEqualTo(MODIFIED);

        ContactMapper noDate = Presets.mapper("crm-x", "Id=recordId, Email=email");
        assertThat(mapped(noDate.map(CsvHeader.of("Id", "Email"), List.of("7", "a@example.com"), at(2)))
                .observedAt()).isEqualTo(MODIFIED);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-03-14T09:21:07Z, 2024-03-14T09:21:07Z",
        "2024-03-14T09:21:07.000Z, 2024-03-14T09:21:07Z",
        "2024-03-14T11:21:07+02:00, 2024-03-14T09:21:07Z",
        "2024-03-14T09:21:07.000+0000, 2024-03-14T09:21:07Z",
        "2024-03-14T09:21:07, 2024-03-14T09:21:07Z",
        "2024-03-14 09:21, 2024-03-14T09:21:00Z",
        "2024-03-14, 2024-03-14T00:00:00Z",
    })
    void observedAtAcceptsInstantsDateTimesAndDates(String value, String expected) {
        Fragment f = mapped(salesforce.map(SALESFORCE, List.of("1", "", "", "", "", "", "", value), at(2)));
        assertThat(f.observedAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "true, GRANTED", "YES, GRANTED", "1, GRANTED", "opt-in, GRANTED", "Granted, GRANTED",
        "false, DENIED", "no, DENIED", "0, DENIED", "opt-out, DENIED", "denied, DENIED",
    })
    void consentValues(String value, ConsentStatus expected) {
        ContactMapper mapper = Presets.mapper("crm-x", "Id=recordId, Newsletter=consent.marketing.email");
        Fragment f = mapped(mapper.map(CsvHeader.of("Id", "Newsletter"), List.of("1", value), at(2)));
        assertThat(f.consents()).extracting(Consent::status).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"true, DENIED", "1, DENIED", "opt-in, GRANTED", "denied, DENIED"})
    void optOutFlagsAreInverted(String value, ConsentStatus expected) {
        ContactMapper mapper = Presets.mapper("crm-x", "Id=recordId, Unsubscribed=optout.marketing.email");
        Fragment f = mapped(mapper.map(CsvHeader.of("Id", "Unsubscribed"), List.of("1", value), at(2)));
        assertThat(f.consents()).extracting(Consent::status).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"false", "no", "0"})
    void notHavingOptedOutIsNoConsent(String value) {
        ContactMapper mapper = Presets.mapper("crm-x", "Id=recordId, Unsubscribed=optout.marketing.email");
        Fragment f = mapped(mapper.map(CsvHeader.of("Id", "Unsubscribed"), List.of("1", value), at(2)));
        assertThat(f.consents()).isEmpty();
    }

    @Test
    void ignoredColumnsAndColumnsNotInTheMappingAreNotRead() {
        ContactMapper mapper = Presets.mapper("crm-x", "Id=recordId, Owner=ignore");
        Fragment f = mapped(mapper.map(CsvHeader.of("Id", "Owner", "Notes"), List.of("1", "bob", "x"), at(2)));
        assertThat(f.traits()).isEmpty();
        assertThat(f.identifiers()).hasSize(1);
    }

    @Test
    void anInvalidEmailRejectsTheRowNamingColumnAndValue() {
        assertThat(rejected(salesforce.map(SALESFORCE,
                List.of("1", "Jan", "V", "jan.at.example.com", "", "NL", "false", ""), at(7))))
                .isEqualTo("column 'Email': invalid email 'jan.at.example.com'");
    }

    @Test
    void anInvalidPhoneRejectsTheRowNamingColumnAndValue() {
        assertThat(rejected(salesforce.map(SALESFORCE, List.of("1", "", "", "", "12345", "", "", ""), at(9))))
                .isEqualTo("column 'MobilePhone': invalid phone number '12345' (default region NL)");
    }

    @Test
    void aMissingRecordIdRejectsTheRow() {
        assertThat(rejected(salesforce.map(SALESFORCE, List.of(" ", "Mo", "", "mo@example.com", "", "", "", ""),
                at(11)))).isEqualTo("missing recordId: column 'Id' is empty");
    }

    @Test
    void everyProblemOfARowIsNamed() {
        assertThat(rejected(salesforce.map(SALESFORCE,
                List.of("1", "", "", "x@", "12", "", "maybe", "2024-13-45"), at(2))))
                .isEqualTo("column 'Email': invalid email 'x@'; "
                        + "column 'MobilePhone': invalid phone number '12' (default region NL); "
                        + "column 'HasOptedOutOfEmail': invalid consent value 'maybe' (expected true/false, yes/no, "
                        + "1/0, opt-in/opt-out, granted/denied, or empty); "
                        + "column 'LastModifiedDate': invalid date '2024-13-45' (expected an ISO-8601 instant or "
                        + "date-time such as 2024-05-01T10:15:00Z, or yyyy-MM-dd)");
    }

    @Test
    void twoColumnsWithTheSameEmailGiveOneIdentifier() {
        ContactMapper mapper = Presets.mapper("crm-x", "Id=recordId, Email=email, Work Email=email");
        Fragment f = mapped(mapper.map(CsvHeader.of("Id", "Email", "Work Email"),
                List.of("1", "a@example.com", "A@Example.com"), at(2)));
        assertThat(f.identifiers()).containsExactly(new Identifier("crmId", "crm-x:1"),
                new Identifier("email", "a@example.com"));
    }

    private static RowOrigin at(long line) {
        return new RowOrigin("contacts.csv", line, MODIFIED);
    }

    private static Fragment mapped(MapResult result) {
        assertThat(result).isInstanceOf(MapResult.Mapped.class);
        return ((MapResult.Mapped) result).fragment();
    }

    private static String rejected(MapResult result) {
        assertThat(result).isInstanceOf(MapResult.Rejected.class);
        return ((MapResult.Rejected) result).reason();
    }
}

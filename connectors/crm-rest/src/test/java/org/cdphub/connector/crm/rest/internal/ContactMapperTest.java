package org.cdphub.connector.crm.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;

class ContactMapperTest {

    private final ContactMapper mapper = new ContactMapper("crm-hubspot", new IdentifierNormalizer("NL"));

    @Test
    void aFullContactBecomesAFragmentWithNormalisedIdentifiersAndCanonicalTraits() {
        MapResult.Mapped m = (MapResult.Mapped) mapper.map(result("search-page-1.json", 0));
        Fragment f = m.fragment();

        assertThat(f.source()).isEqualTo("crm-hubspot");
        assertThat(f.sourceRecordId()).isEqualTo("51");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2024-03-14T09:21:07.123Z"));
        // phone and mobilephone are the same number written differently: one identifier
        assertThat(f.identifiers()).containsExactly(new Identifier("crmId", "crm-hubspot:51"),
                new Identifier("email", "ann.devries@example.com"), new Identifier("phone", "+31612345678"));
        assertThat(f.traits()).containsExactlyInAnyOrderEntriesOf(Map.of("firstName", "Ann", "lastName", "de Vries",
                "addressLine1", "Damstraat 5", "city", "Amsterdam", "region", "Noord-Holland", "postcode", "1012 AB",
                "country", "NL", "company", "Example BV", "birthDate", "1980-04-12"));
        assertThat(f.consents()).as("hs_email_optout=false is not consent").isEmpty();
        assertThat(f.provenance()).containsEntry("object", "contacts/51");
        assertThat(m.mergedIds()).isEmpty();
    }

    @Test
    void emailOptOutIsADeniedMarketingEmailConsentAndNullPropertiesAreLeftOut() {
        Fragment f = ((MapResult.Mapped) mapper.map(result("search-page-1.json", 1))).fragment();

        assertThat(f.consents()).containsExactly(new Consent("marketing", "email", ConsentStatus.DENIED,
                Instant.parse("2024-03-15T10:00:00Z"), "crm-hubspot"));
        assertThat(f.identifiers()).extracting(Identifier::value).containsExactly("crm-hubspot:52",
                "piet.peeters@example.org", "+32470123456");
        assertThat(f.traits()).containsOnlyKeys("firstName", "lastName", "city", "country", "postcode");
    }

    @Test
    void mergedObjectIdsOtherThanItsOwnAreReported() {
        MapResult.Mapped m = (MapResult.Mapped) mapper.map(result("search-page-2.json", 0));

        assertThat(m.mergedIds()).containsExactly("41");
        assertThat(m.fragment().traits()).doesNotContainKey("hs_merged_object_ids");
    }

    @Test
    void aContactWithoutIdIsRejected() {
        assertThat(mapper.map(result("search-page-2.json", 1)))
                .isEqualTo(new MapResult.Rejected("", null, "missing id"));
    }

    @Test
    void aContactWithAnUnreadableDateIsRejectedWithTheValue() {
        assertThat(mapper.map(result("search-page-2.json", 2))).isEqualTo(new MapResult.Rejected("54", null,
                "invalid lastmodifieddate '16/03/2024 12:30' (expected an ISO-8601 instant)"));
    }

    @Test
    void anInvalidPhoneNumberRejectsTheContactAsCrmCsvDoes() {
        assertThat(mapper.map(result("search-invalid-phone.json", 0))).isEqualTo(new MapResult.Rejected("56",
                Instant.parse("2024-03-18T09:00:00Z"), "property 'phone': invalid phone number '12345' (default region NL)"));
    }

    @Test
    void updatedAtIsUsedWhenLastmodifieddateWasNotReturnedAndOtherPropertiesStayTraits() throws Exception {
        JsonNode contact = org.cdphub.api.model.CdpJson.mapper().readTree("""
                {"id":"77","properties":{"jobtitle":"Buyer","hs_object_id":"77","createdate":"2024-01-01T00:00:00Z",
                 "date_of_birth":"1975-06-30T00:00:00.000Z"},
                 "createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-04-01T10:00:00.5Z","archived":false}""");

        Fragment f = ((MapResult.Mapped) mapper.map(contact)).fragment();

        assertThat(f.observedAt()).isEqualTo(Instant.parse("2024-04-01T10:00:00.5Z"));
        assertThat(f.traits()).containsExactlyInAnyOrderEntriesOf(Map.of("jobtitle", "Buyer",
                "birthDate", "1975-06-30"));
        assertThat(f.identifiers()).extracting(Identifier::type).containsExactly("crmId");
    }

    @Test
    void mappingTheWholeSecondPageKeepsTheGoodContactsAroundTheBadOnes() {
        List<MapResult> results = new java.util.ArrayList<>();
        TestConfig.json("search-page-2.json").path("results").forEach(c -> results.add(mapper.map(c)));

        assertThat(results).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("Mapped", "Rejected", "Rejected", "Mapped");
    }

    private static JsonNode result(String fixture, int index) {
        return TestConfig.json(fixture).path("results").get(index);
    }
}

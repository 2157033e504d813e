package org.cdphub.connector.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.junit.jupiter.api.Test;

/** The mapping as a pure function of a row, without a database. */
class ContactMapperTest {

    private static final Instant MODIFIED = Instant.parse("2024-05-02T10:15:00Z");

    private final ContactMapper mapper = mapper(Map.of("deleted.column", "is_deleted"));

    @Test
    void aRowBecomesAFragmentWithAccountTraits() {
        Map<String, Object> contact = contact("ann@example.com", "+31 6 12345678", LocalDate.of(1980, 4, 1), false);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", "Acme BV");
        account.put("industry", null);

        Fragment f = mapped(new SourceRow("17", MODIFIED, false, contact, account));

        assertThat(f.sourceRecordId()).isEqualTo("17");
        assertThat(f.observedAt()).isEqualTo(MODIFIED);
        assertThat(f.identifiers()).extracting(i -> i.key())
                .containsExactly("crmId:crm-erp:17", "email:ann@example.com", "phone:+31612345678");
        assertThat(f.traits()).containsExactly(Map.entry("firstName", "Ann"), Map.entry("birthDate", "1980-04-01"),
                Map.entry("company", "Acme BV"));
        assertThat(f.consents()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConsentStatus.DENIED);
            assertThat(c.updatedAt()).isEqualTo(MODIFIED);
        });
        assertThat(f.provenance()).containsExactly(Map.entry("table", "contacts"), Map.entry("key", "17"));
    }

    @Test
    void traitsKeepNumbersAndBooleansAndTimesBecomeInstants() {
        ContactMapper m = mapper(Map.of("mapping", "score=trait.score, vip=trait.vip, seen=trait.lastSeen, "
                + "since=date.customerSince", "timezone", "Europe/Amsterdam", "accounts.table", "",
                "accounts.mapping", ""));
        Map<String, Object> contact = new HashMap<>();
        contact.put("score", new BigDecimal("4.50"));
        contact.put("vip", true);
        contact.put("seen", LocalDateTime.of(2024, 5, 2, 12, 0));
        contact.put("since", "2019-12-31 23:30:00");

        Fragment f = ((MapResult.Mapped) m.map(new SourceRow("1", MODIFIED, null, contact, Map.of()))).fragment();

        assertThat(f.traits()).containsEntry("score", new BigDecimal("4.50")).containsEntry("vip", true)
                .containsEntry("lastSeen", "2024-05-02T10:00:00Z").containsEntry("customerSince", "2019-12-31");
    }

    @Test
    void aSoftDeletedRowIsARemoval() {
        assertThat(mapper.map(new SourceRow("17", MODIFIED, true, contact("x", null, null, null), Map.of())))
                .isEqualTo(new MapResult.Removed("17"));
        assertThat(CellValues.deleted(null)).isFalse();
        assertThat(CellValues.deleted(0)).isFalse();
        assertThat(CellValues.deleted("N")).isFalse();
        assertThat(CellValues.deleted(LocalDateTime.of(2024, 1, 1, 0, 0))).isTrue();
        assertThat(CellValues.deleted(1)).isTrue();
    }

    @Test
    void everyProblemOfARowIsNamedWithItsColumn() {
        MapResult result = mapper.map(new SourceRow("18", MODIFIED, null,
                contact("not-an-address", "12345", "1980-02-31", "maybe"), Map.of()));

        assertThat(result).isInstanceOf(MapResult.Rejected.class);
        MapResult.Rejected rejected = (MapResult.Rejected) result;
        assertThat(rejected.reason()).contains("column 'email': invalid email 'not-an-address'")
                .contains("column 'mobile': invalid phone number '12345'")
                .contains("column 'birth_date': invalid date '1980-02-31'")
                .contains("column 'newsletter': invalid consent value 'maybe'");
        assertThat(rejected.raw()).startsWith("{\"id\":\"18\",\"updated_at\":\"2024-05-02T10:15:00Z\",")
                .contains("\"email\":\"not-an-address\"");
        assertThat(mapper.location("18")).isEqualTo("contacts:18");
    }

    private static Fragment mapped(SourceRow row) {
        MapResult result = mapperDefault().map(row);
        assertThat(result).isInstanceOf(MapResult.Mapped.class);
        return ((MapResult.Mapped) result).fragment();
    }

    private static ContactMapper mapperDefault() {
        return mapper(Map.of("deleted.column", "is_deleted"));
    }

    private static ContactMapper mapper(Map<String, String> extra) {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("mapping", "email=email, mobile=phone, first_name=trait.firstName, birth_date=date.birthDate, "
                + "newsletter=consent.marketing.email");
        keys.putAll(extra);
        return new ContactMapper(TestConfigs.settings(keys));
    }

    private static Map<String, Object> contact(String email, String mobile, Object birth, Object newsletter) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("email", email);
        contact.put("mobile", mobile);
        contact.put("first_name", "Ann");
        contact.put("birth_date", birth);
        contact.put("newsletter", newsletter);
        return contact;
    }
}

package org.cdphub.connector.crm.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PositionTest {

    private static final String OVER = "contacts(updated_at,id)";

    @Test
    void positionsKeepTheirTypesThroughTheCheckpoint() {
        for (Object modified : new Object[] {LocalDateTime.parse("2024-03-14T09:21:07.123456"),
                OffsetDateTime.parse("2024-03-14T09:21:07.000001Z"), LocalDate.parse("2024-03-14")}) {
            for (Object key : new Object[] {42L, new BigDecimal("12345678901234567890"), UUID.randomUUID(), "0035g"}) {
                Position p = new Position(OVER, modified, key);
                assertThat(Position.read(p.write(), OVER)).contains(p);
            }
        }
        assertThat(Position.key(7)).isEqualTo(7L);
    }

    @Test
    void aPositionOfOtherColumnsOrUnreadableTextIsNotUsed() {
        String saved = new Position(OVER, LocalDate.parse("2024-03-14"), 1L).write();
        assertThat(Position.read(saved, "people(changed,id)")).isEmpty();
        assertThat(Position.read("not json", OVER)).isEmpty();
        assertThat(Position.read(null, OVER)).isEmpty();
    }

    @Test
    void theStatementBindsEveryValueAndOnlyCheckedNamesAreInIt() {
        Map<String, String> keys = TestConfigs.valid();
        keys.put("deleted.column", "deleted_at");
        ContactReader reader = new ContactReader(TestConfigs.settings(keys));
        assertThat(reader.sql(true)).isEqualTo("select c.id, c.updated_at, c.deleted_at, c.email, c.mobile, "
                + "c.first_name, c.last_name, c.birth_date, c.newsletter, a.name, a.industry from contacts c "
                + "left join accounts a on a.id = c.account_id where c.updated_at is not null and c.id is not null "
                + "and (c.updated_at > ? or (c.updated_at = ? and c.id > ?)) order by c.updated_at, c.id limit ?");
        assertThat(reader.sql(false)).doesNotContain("?)").endsWith("order by c.updated_at, c.id limit ?");
        assertThat(reader.over()).isEqualTo(OVER);
    }

    @Test
    void withoutAnAccountsMappingTheAccountsTableIsNotJoined() {
        Map<String, String> keys = TestConfigs.valid();
        keys.remove("accounts.mapping");
        ContactReader reader = new ContactReader(TestConfigs.settings(keys));
        assertThat(reader.sql(true)).startsWith("select c.id, c.updated_at, c.email, c.mobile, c.first_name, "
                + "c.last_name, c.birth_date, c.newsletter from contacts c where c.updated_at is not null");
        assertThat(reader.sql(false)).doesNotContain("join");
    }
}

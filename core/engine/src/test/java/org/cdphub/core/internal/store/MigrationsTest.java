package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void createsTheStoreTablesAndIsIdempotent() {
        DataSource dataSource = TestStore.unmigrated();
        assertThat(Migrations.vendor(dataSource)).isEqualTo("h2");

        Migrations.migrate(dataSource);
        assertThatCode(() -> Migrations.migrate(dataSource)).doesNotThrowAnyException();

        List<String> tables = TestStore.rows(dataSource,
                "select lower(table_name) from information_schema.tables where lower(table_name) like 'cdp%'"
                        + " order by 1").stream().map(r -> r.get(0)).toList();
        assertThat(tables).containsExactly("cdp_fragment", "cdp_identifier", "cdp_lock", "cdp_profile",
                "cdp_profile_alias", "cdp_schema_history", "cdp_segment", "cdp_segment_membership");
        assertThat(TestStore.rows(dataSource,
                "select \"version\", \"success\" from \"cdp_schema_history\" where \"version\" is not null"))
                .containsExactly(List.of("1", "TRUE"), List.of("2", "TRUE"));
    }

    @Test
    void storesInstantsAsUtcTimestampsWithTimeZone() {
        DataSource dataSource = TestStore.fresh();
        List<String> types = TestStore.rows(dataSource,
                "select data_type from information_schema.columns where lower(table_name) = 'cdp_profile'"
                        + " and lower(column_name) in ('created_at', 'updated_at')")
                .stream().map(r -> r.get(0)).toList();
        assertThat(types).containsOnly("TIMESTAMP WITH TIME ZONE").hasSize(2);
    }
}

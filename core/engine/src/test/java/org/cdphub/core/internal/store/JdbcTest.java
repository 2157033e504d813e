package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Lookups by many keys ({@link Jdbc#in}) across the chunk sizes of both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class JdbcTest {

    private static final int STORED = Jdbc.MAX_ARRAY + 50; // over the array size on PostgreSQL, 21 IN-lists on H2

    private final TestDatabase database;
    private final DataSource dataSource;

    JdbcTest(TestDatabase database) {
        this.database = database;
        this.dataSource = database.fresh();
    }

    @Test
    void findsEveryStoredKeyOfALongListAndNoneOfTheOthers() {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cdp_block_key (block_key, profile_id) values (?, ?)")) {
                for (int i = 0; i < STORED; i++) {
                    insert.setString(1, "k" + i);
                    insert.setString(2, "p" + i % 7);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        List<String> keys = new ArrayList<>();
        for (int i = -20; i < STORED + 20; i++) {
            keys.add("k" + i); // k-20..k-1 and the last 20 are not stored
        }

        Map<String, List<String>> found = Jdbc.read(dataSource, c -> BlockKeyTable.profilesByKey(c, keys, 50));

        assertThat(found).hasSize(STORED).containsEntry("k0", List.of("p0")).containsEntry("k10049", List.of("p4"))
                .doesNotContainKeys("k-1", "k" + STORED);
    }

    @Test
    void splitsValuesAsEachDatabaseTakesThem() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            values.add("v" + i);
        }

        List<Jdbc.In> statements = Jdbc.read(dataSource, c -> Jdbc.in(c, values));
        List<Jdbc.In> none = Jdbc.read(dataSource, c -> Jdbc.in(c, List.of()));

        assertThat(none).isEmpty();
        assertThat(statements.stream().mapToInt(in -> in.values().size()).sum()).isEqualTo(STORED);
        if (database == TestDatabase.H2) {
            assertThat(statements).hasSize(21).allMatch(in -> !in.array() && in.values().size() <= Jdbc.MAX_PARAMS);
            assertThat(statements.get(20).sql()).isEqualTo("in (" + "?,".repeat(49) + "?)");
        } else {
            assertThat(statements).hasSize(2).allMatch(in -> in.array() && in.sql().equals("in (select unnest(?))"));
        }
    }

    @Test
    void bindsTheParametersAfterTheValues() {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cdp_block_key (block_key, profile_id) values (?, ?)")) {
                for (String[] row : new String[][] {{"a", "p1"}, {"b", "p1"}, {"b", "p2"}, {"c", "p2"}}) {
                    insert.setString(1, row[0]);
                    insert.setString(2, row[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });

        List<String> keys = Jdbc.read(dataSource, c -> {
            List<String> rows = new ArrayList<>();
            for (Jdbc.In in : Jdbc.in(c, List.of("a", "b", "c", "d"))) {
                try (PreparedStatement ps = c.prepareStatement("select block_key from cdp_block_key where block_key "
                        + in.sql() + " and profile_id = ? order by block_key")) {
                    ps.setString(in.bind(ps, 1), "p2");
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                }
            }
            return rows;
        });

        assertThat(keys).containsExactly("b", "c");
    }
}

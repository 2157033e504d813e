package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSyncTest {

    private static JdbcDataSource h2(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("cdphub");
        h2.setPassword("cdphub");
        return h2;
    }

    @Test
    void syncsAnH2FileStoreEveryIntervalUntilClosed(@TempDir Path dir) throws Exception {
        JdbcDataSource file = h2("jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1");
        assertThat(StoreSync.h2File(file)).contains(dir.resolve("store").toString());
        try (Connection c = file.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table t (v int)");
            StoreSync sync = StoreSync.start(file, Duration.ofMillis(20));
            try {
                assertThat(sync.active()).isTrue();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (sync.syncs() < 3 && System.nanoTime() < deadline) {
                    s.execute("insert into t values (1)");
                    Thread.sleep(10);
                }
                assertThat(sync.syncs()).isGreaterThanOrEqualTo(3);
                assertThat(sync.failures()).isZero();
            } finally {
                sync.close();
            }
            long after = sync.syncs();
            Thread.sleep(100);
            assertThat(sync.syncs()).isEqualTo(after);
            s.execute("shutdown");
        }
    }

    @Test
    void countsFailuresAndKeepsTrying(@TempDir Path dir) throws Exception {
        JdbcDataSource file = h2("jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1");
        try (Connection c = file.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table t (v int)");
        }
        StoreSync sync = StoreSync.start(file, Duration.ofMillis(20));
        try {
            try (Connection c = file.getConnection(); Statement s = c.createStatement()) {
                s.execute("shutdown");
            }
            Path stored = dir.resolve("store.mv.db");
            Path aside = dir.resolve("aside.mv.db");
            Files.move(stored, aside); // the file is gone: every sync fails
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sync.failures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sync.failures()).isGreaterThanOrEqualTo(2);

            Files.move(aside, stored); // back: it syncs again
            long before = sync.syncs();
            while (sync.syncs() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sync.syncs()).isGreaterThanOrEqualTo(before + 2);
        } finally {
            sync.close();
        }
    }

    @Test
    void doesNothingForAStoreWithoutAFileOrAZeroInterval(@TempDir Path dir) {
        JdbcDataSource memory = h2("jdbc:h2:mem:sync-test;DB_CLOSE_DELAY=-1");
        assertThat(StoreSync.h2File(memory)).isEmpty();
        assertThat(StoreSync.start(memory, Duration.ofMillis(20)).active()).isFalse();

        JdbcDataSource file = h2("jdbc:h2:file:" + dir.resolve("store"));
        StoreSync off = StoreSync.start(file, Duration.ZERO);
        assertThat(off.active()).isFalse();
        off.close();
        assertThatThrownBy(() -> StoreSync.start(file, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNothingForPostgreSql() {
        assertThat(StoreSync.h2File(TestDatabase.POSTGRESQL.dataSource(TestDatabase.POSTGRESQL.newStore()))).isEmpty();
    }
}

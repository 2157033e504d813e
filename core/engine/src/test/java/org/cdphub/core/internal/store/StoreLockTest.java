package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store's write lock: held in the database, so writers through different DataSources (nodes) take turns. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StoreLockTest {

    private final DataSource node1;
    private final DataSource node2;

    StoreLockTest(TestDatabase database) {
        String url = database.newStore();
        this.node1 = database.dataSource(url);
        this.node2 = database.dataSource(url);
        Migrations.migrate(node1);
    }

    @Test
    void aWriterOfAnotherNodeWaitsUntilTheHolderCommits() throws Exception {
        long seen = secondWriterAfterAnAlias(in -> StoreLock.write(node2, c2 -> {
            in.countDown();
            return TestStore.count(node2, "cdp_profile_alias");
        }));
        assertThat(seen).as("aliases the second writer saw").isEqualTo(1);
    }

    @Test
    void aFirstReadWaitsForTheLockAndSeesWhatTheHolderCommitted() throws Exception {
        StoreLock.FirstRead<Long> aliases = new StoreLock.FirstRead<>() {
            @Override
            public String sql(boolean postgres) {
                return "select count(*) from cdp_profile_alias where alias_id = ?";
            }

            @Override
            public void bind(java.sql.PreparedStatement statement, boolean postgres) throws SQLException {
                statement.setString(1, "absorbed");
            }

            @Override
            public Long read(java.sql.ResultSet rows) throws SQLException {
                rows.next();
                return rows.getLong(1);
            }
        };
        String seen = secondWriterAfterAnAlias(in -> StoreLock.write(node2, aliases, (c2, count) -> {
            in.countDown();
            return count + " alias, isolation " + c2.getTransactionIsolation();
        }));
        assertThat(seen).isEqualTo("1 alias, isolation " + Connection.TRANSACTION_READ_COMMITTED);
    }

    /**
     * Starts {@code second} (a writer of node 2 that counts its latch down once it holds the lock) while node 1 holds
     * the lock, checks that it waits, then has node 1 add an alias and commit; what the second writer returned.
     */
    private <T> T secondWriterAfterAnAlias(java.util.function.Function<CountDownLatch, T> second) throws Exception {
        CountDownLatch in = new CountDownLatch(1);
        CompletableFuture<T> result = StoreLock.write(node1, c -> {
            CompletableFuture<T> started = CompletableFuture.supplyAsync(() -> second.apply(in));
            try {
                assertThat(in.await(500, TimeUnit.MILLISECONDS)).as("second writer got in").isFalse();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            AliasTable.absorb(c, Map.of("absorbed", "survivor"), Instant.now());
            return started;
        });
        return result.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSegmentWriterDoesNotWaitForAMergeOfThisOrAnotherNode() throws Exception {
        for (DataSource segmentWriter : new DataSource[] {node1, node2}) {
            String seen = StoreLock.write(node1, c -> {
                AliasTable.absorb(c, Map.of("absorbed", "survivor"), Instant.now()); // not committed yet
                try {
                    return CompletableFuture.supplyAsync(() -> StoreLock.writeSegments(segmentWriter,
                            c2 -> "aliases " + TestStore.count(segmentWriter, "cdp_profile_alias")))
                            .get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the segment writer waited for the merge", e);
                }
            });
            assertThat(seen).as("what the segment writer saw while the merge held the store lock")
                    .isEqualTo("aliases 0");
            Jdbc.inTransaction(node1, c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("delete from cdp_profile_alias");
                }
            });
        }
    }

    @Test
    void aMergeThatJoinsTheSegmentLockWaitsForTheSegmentWriterOfThisOrAnotherNode() throws Exception {
        for (DataSource merger : new DataSource[] {node1, node2}) {
            CountDownLatch joined = new CountDownLatch(1);
            CompletableFuture<Long> merge = StoreLock.writeSegments(node1, c -> {
                CompletableFuture<Long> started = CompletableFuture.supplyAsync(() -> StoreLock.write(merger, c2 -> {
                    StoreLock.joinSegments(c2);
                    StoreLock.joinSegments(c2); // once per transaction: the second call does nothing
                    joined.countDown();
                    return TestStore.count(merger, "cdp_segment");
                }));
                try {
                    assertThat(joined.await(500, TimeUnit.MILLISECONDS)).as("merge joined the segment lock").isFalse();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into cdp_segment (segment, members, last_change) values"
                            + " ('s" + (merger == node1 ? 1 : 2) + "', 1, current_timestamp)");
                }
                return started;
            });
            assertThat(merge.get(20, TimeUnit.SECONDS)).as("segments the merge saw after it joined")
                    .isEqualTo(merger == node1 ? 1 : 2);
        }
        // the joined lock was let go with the transaction: a segment writer gets in at once
        String in = CompletableFuture.supplyAsync(() -> StoreLock.writeSegments(node1, c -> "in"))
                .get(20, TimeUnit.SECONDS);
        assertThat(in).isEqualTo("in");
    }

    @Test
    void theSegmentLockIsJoinedOnlyFromAStoreWriteAndWritesDoNotNest() {
        assertThatThrownBy(() -> Jdbc.inTransaction(node1, c -> {
            StoreLock.joinSegments(c);
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoreLock.writeSegments(node1, c -> {
            StoreLock.joinSegments(c);
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoreLock.write(node1, c -> StoreLock.writeSegments(node1, c2 -> "nested")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wait for itself");
        String after = StoreLock.write(node1, c -> "the thread is free again");
        assertThat(after).isEqualTo("the thread is free again");
    }

    @Test
    void writersRunAtReadCommittedWhateverTheConnectionsDefault() {
        DataSource serializable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(node1, args);
                    if (result instanceof Connection c) {
                        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    }
                    return result;
                });
        assertThat(StoreLock.write(serializable, Connection::getTransactionIsolation))
                .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void benignRacesAreRetriedOthersAreNot() {
        AtomicInteger attempts = new AtomicInteger();
        String result = StoreLock.write(node1, c -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLException("could not serialize access", "40001");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);

        attempts.set(0);
        assertThatThrownBy(() -> StoreLock.write(node1, c -> {
            attempts.incrementAndGet();
            throw new SQLException("syntax error", "42601");
        })).isInstanceOf(StoreException.class).hasMessageContaining("syntax error");
        assertThat(attempts).hasValue(1);

        attempts.set(0);
        assertThatThrownBy(() -> StoreLock.write(node1, c -> {
            attempts.incrementAndGet();
            throw new SQLException("deadlock detected", "40P01");
        })).isInstanceOf(StoreException.class).hasMessageContaining("deadlock detected");
        assertThat(attempts).hasValue(StoreLock.ATTEMPTS);
    }

    @Test
    void theRealErrorOfABatchDecides() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "08000", new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(StoreLock.retryableState(new StoreException("profile store", batch))).isEqualTo("23505");
        assertThat(StoreLock.retryableState(new StoreException("profile store", new SQLException("x", "42P01"))))
                .isNull();
        assertThat(StoreLock.retryableState(new StoreException("profile store", new SQLException("x")))).isNull();
    }

    @Test
    void aMissingLockRowIsAnErrorNotASilentlyUnlockedStore() {
        Jdbc.inTransaction(node1, c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("delete from cdp_lock");
            }
        });
        assertThatThrownBy(() -> StoreLock.write(node1, c -> "written")).isInstanceOf(StoreException.class)
                .hasMessageContaining("row 1 of cdp_lock is missing")
                .hasMessageContaining("insert into cdp_lock (id) values (1)");
        assertThatThrownBy(() -> StoreLock.writeSegments(node1, c -> "written")).isInstanceOf(StoreException.class)
                .hasMessageContaining("row 2 of cdp_lock is missing");
    }
}

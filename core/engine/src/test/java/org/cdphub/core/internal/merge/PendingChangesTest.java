package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.core.internal.store.JdbcPendingChanges;
import org.cdphub.core.internal.store.StoreLock;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a merge, removal or expiry round changed is kept in the store, in its own transaction, until it has been
 * announced: a change whose announcement was lost can be announced later.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class PendingChangesTest {

    private final EngineFixture fx;
    private final PendingChanges pending;

    PendingChangesTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
        this.pending = new JdbcPendingChanges(fx.dataSource);
    }

    /** Every pending change, claimed (as a sweep would) at {@code T0 + 10 years}. */
    private List<PendingChanges.Pending> all() {
        Instant late = T0.plus(Duration.ofDays(3650));
        return pending.claimDue(late, late, 100);
    }

    /** The ids and times of the rows, not claimed. */
    private List<List<String>> rows() {
        return TestStore.rows(fx.dataSource, "select id, committed_at from cdp_pending_change order by id");
    }

    @Test
    void eachCallThatChangesProfilesRecordsWhatItChangedUntilItIsAnnounced() {
        MergeResult first = fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("ann@example.com").build(),
                fragment("shop", "9", T0).email("bob@example.com").build()));
        fx.clock.advance(Duration.ofSeconds(5));
        MergeResult second = fx.engine.merge(List.of(
                fragment("web", "a", T0).email("ann@example.com").phone("+31612345678").build()));
        MergeResult redelivered = fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));

        assertThat(first.pendingChange()).isPositive();
        assertThat(second.pendingChange()).isGreaterThan(first.pendingChange());
        assertThat(redelivered.changedProfileIds()).isEmpty();
        assertThat(redelivered.pendingChange()).as("nothing changed, nothing recorded").isZero();
        assertThat(rows()).extracting(r -> Long.parseLong(r.get(0)))
                .containsExactly(first.pendingChange(), second.pendingChange());
        List<PendingChanges.Pending> due = pending.claimDue(T0.plusSeconds(5), T0.plusSeconds(60), 100);
        assertThat(due).as("only those committed before the instant, with what they changed")
                .extracting(PendingChanges.Pending::id, PendingChanges.Pending::profileIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.pendingChange(), List.of("p1", "p2")));
        assertThat(pending.claimDue(T0.plusSeconds(5), T0.plusSeconds(60), 100))
                .as("claimed: another sweep leaves it until it is as old again").isEmpty();
        assertThat(pending.claimDue(T0.plusSeconds(61), T0.plusSeconds(61), 100)).as("oldest (or claimed) first")
                .extracting(PendingChanges.Pending::id, PendingChanges.Pending::profileIds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second.pendingChange(), List.of("p1")),
                        org.assertj.core.groups.Tuple.tuple(first.pendingChange(), List.of("p1", "p2")));

        pending.announced(List.of(first.pendingChange(), 12345L));
        assertThat(all()).extracting(PendingChanges.Pending::id).containsExactly(second.pendingChange());
        pending.announced(List.of(second.pendingChange()));
        assertThat(all()).isEmpty();
    }

    @Test
    void absorbedProfilesRemovalsAndExpiriesAreRecordedToo() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));
        fx.engine.merge(List.of(fragment("shop", "9", T0).phone("+31612345678").build()));
        MergeResult joined = fx.engine.merge(List.of(
                fragment("web", "a", T0).email("ann@example.com").phone("+31612345678").build()));
        assertThat(joined.absorbed()).hasSize(1);
        PendingChanges.Pending recorded = all().stream().filter(p -> p.id() == joined.pendingChange())
                .findFirst().orElseThrow();
        assertThat(recorded.profileIds()).isEqualTo(joined.changedProfileIds());
        assertThat(recorded.absorbed()).isEqualTo(joined.absorbed());

        MergeResult removed = fx.engine.remove("shop", List.of("9"));
        assertThat(removed.pendingChange()).isPositive();
        fx.engine.merge(List.of(fragment("dmp", "c1", T0).id("cookieId", "dmp:c1")
                .expiresAt(T0.plus(Duration.ofDays(1))).build()));
        fx.clock.advance(Duration.ofDays(2));
        MergeResult expired = fx.engine.expire(100);
        assertThat(expired.changedProfileIds()).isNotEmpty();
        assertThat(all()).extracting(PendingChanges.Pending::id)
                .contains(removed.pendingChange(), expired.pendingChange());
        assertThat(fx.engine.expire(100).pendingChange()).as("an expiry round that removed nothing").isZero();
    }

    @Test
    void aChangeIsRecordedInTheTransactionOfTheMergeAndGoesWithItsRollback() {
        // a transaction that merges and then fails: neither the profile nor the pending change stays
        assertThatThrownBy(() -> StoreLock.write(fx.dataSource, c -> {
            org.cdphub.core.internal.store.PendingChangeTable.record(c,
                    new MergeResult(List.of("p9"), List.of(), 0, List.of()), T0);
            throw new IllegalStateException("the store went away");
        })).hasMessageContaining("the store went away");
        assertThat(all()).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_pending_change"))
                .containsExactly(List.of("0"));
    }

    @Test
    void listingIsBoundedAndOldestFirst() {
        for (int i = 0; i < 5; i++) {
            fx.engine.merge(List.of(fragment("crm", "r" + i, T0).email("u" + i + "@example.com").build()));
            fx.clock.advance(Duration.ofSeconds(1));
        }
        List<PendingChanges.Pending> claimed = pending.claimDue(T0.plusSeconds(60), T0.plusSeconds(60), 3);
        assertThat(claimed).extracting(PendingChanges.Pending::committedAt).as("when they were committed")
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
        List<String> ids = rows().stream().map(r -> r.get(0)).toList();
        assertThat(TestStore.rows(fx.dataSource, "select id from cdp_pending_change where committed_at ="
                + " timestamp with time zone '2025-03-01 09:01:00+00' order by id")).as("the three oldest, claimed")
                .extracting(r -> r.get(0)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThatThrownBy(() -> pending.claimDue(T0, T0, 0)).hasMessageContaining("max must be 1 to");
    }

    @Test
    void aRowThatCannotBeReadIsDeletedAndTheOthersAreClaimed() {
        MergeResult merged = fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));
        TestStore.execute(fx.dataSource, "insert into cdp_pending_change (committed_at, changes) values"
                + " (timestamp with time zone '2020-01-01 00:00:00+00', 'not json')");
        assertThat(all()).extracting(PendingChanges.Pending::id).containsExactly(merged.pendingChange());
        assertThat(rows()).hasSize(1);
    }

    @Test
    void twoSweepsAtOnceNeverClaimTheSameChange() throws Exception {
        MergeResult merged = fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));
        Instant later = T0.plusSeconds(120);
        try (java.sql.Connection first = fx.dataSource.getConnection()) {
            first.setAutoCommit(false);
            org.cdphub.core.internal.store.PendingChangeTable.readCommitted(first);
            assertThat(org.cdphub.core.internal.store.PendingChangeTable.claimDue(first, later, later, 10))
                    .extracting(PendingChanges.Pending::id).containsExactly(merged.pendingChange());
            // the first sweep has not committed: the second skips the row it holds, without waiting
            java.util.concurrent.CompletableFuture<List<PendingChanges.Pending>> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> pending.claimDue(later, later, 10));
            assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
            first.commit();
        }
        assertThat(pending.claimDue(later, later, 10)).as("claimed: too young now").isEmpty();
        assertThat(pending.claimDue(later.plusSeconds(1), later.plusSeconds(1), 10))
                .extracting(PendingChanges.Pending::id, PendingChanges.Pending::committedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(merged.pendingChange(), later));
    }
}

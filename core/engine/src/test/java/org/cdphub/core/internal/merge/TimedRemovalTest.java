package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Removals and fragments with the time the connector runtime sent them: between a removal and a version of its record
 * the one sent last wins, in whichever order they arrive (several nodes, a group moved to a node that joined, a dead
 * letter replayed), except that a removal always removes what is stored. Send times are the runtime's clock;
 * observation times are the source's and are not compared with them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TimedRemovalTest {

    /** When the removal was sent, on the runtime's clock (a day after the sources' times, to show they are apart). */
    private static final Instant SENT = T0.plusSeconds(86_400);

    private final EngineFixture fx;

    TimedRemovalTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
    }

    private MergeResult merge(EngineFixture.FragmentBuilder fragment, Instant sentAt) {
        return fx.engine.merge(List.of(fragment.build()), Arrays.asList(sentAt));
    }

    private MergeResult remove(Instant sentAt, String... ids) {
        return fx.engine.remove("crm", List.of(ids), sentAt);
    }

    private boolean stored(String id) {
        return TestStore.rows(fx.dataSource, "select source from cdp_fragment where source = ? and source_record_id = ?",
                "crm", id).size() == 1;
    }

    @Test
    void aRemovalThatOvertookItsFragmentKeepsItOutWhateverTheSourcesTimeSays() {
        MergeResult removal = remove(SENT, "A");
        assertThat(removal.unchanged()).as("nothing stored to remove").isEqualTo(1);
        assertThat(removal.changedProfileIds()).isEmpty();

        // observed after the removal was sent (the source's clock runs ahead), but sent before it
        MergeResult late = merge(fragment("crm", "A", SENT.plusSeconds(3_600)).email("ann@example.com"),
                SENT.minusNanos(1_000));

        assertThat(late.unchanged()).isEqualTo(1);
        assertThat(late.changedProfileIds()).isEmpty();
        assertThat(stored("A")).isFalse();
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com"))).isEmpty();
    }

    @Test
    void aVersionSentAfterTheRemovalBringsTheRecordBackWhateverTheSourcesTimeSays() {
        remove(SENT, "A");

        // un-deleted at the source, whose modified column is a date (or whose clock runs behind): observed "before"
        MergeResult recreated = merge(fragment("crm", "A", T0).email("ann@example.com"), SENT.plusNanos(1_000));

        assertThat(recreated.changedProfileIds()).containsExactly("p1");
        assertThat(stored("A")).isTrue();
        assertThat(TestStore.rows(fx.dataSource, "select observed_at from cdp_fragment_tombstone"))
                .as("the tombstone stays, to keep out what was sent before the removal").containsExactly(
                        java.util.Collections.singletonList(null));
    }

    @Test
    void aVersionSentAtTheSameInstantAsTheRemovalStaysOut() {
        remove(SENT, "A");
        assertThat(merge(fragment("crm", "A", T0).email("ann@example.com"), SENT).unchanged()).isEqualTo(1);
    }

    @Test
    void anUpdateTheRemovalOvertookDoesNotBringTheRecordBack() {
        merge(fragment("crm", "A", T0).email("ann@example.com"), SENT.minusSeconds(60));
        remove(SENT, "A"); // the update below was sent before it, and arrives after it

        MergeResult update = merge(fragment("crm", "A", T0.plusSeconds(30)).email("ann@example.com")
                .trait("firstName", "Ann"), SENT.minusSeconds(1));

        assertThat(update.unchanged()).isEqualTo(1);
        assertThat(stored("A")).isFalse();
        assertThat(fx.queries.count()).isZero();
    }

    @Test
    void aRemovalAlwaysRemovesWhatIsStoredAndAVersionSentAfterItBringsItBack() {
        merge(fragment("crm", "A", T0).email("ann@example.com"), SENT.plusSeconds(5)); // re-created, arrived first

        MergeResult removal = remove(SENT, "A");

        assertThat(removal.removedProfileIds()).containsExactly("p1");
        assertThat(stored("A")).isFalse();
        // the connector's next statement about A, sent after the removal, counts, even observed no later
        assertThat(merge(fragment("crm", "A", T0).email("ann@example.com").trait("x", "y"), SENT.plusSeconds(60))
                .changedProfileIds()).hasSize(1);
        assertThat(stored("A")).isTrue();
    }

    @Test
    void inTheUsualOrderARecordReCreatedWithTheSameObservationTimeComesBack() {
        Instant day = Instant.parse("2026-12-01T00:00:00Z"); // a source whose modified column is a date
        merge(fragment("crm", "A", day).email("ann@example.com"), SENT.minusSeconds(60));
        remove(SENT, "A");

        MergeResult recreated = merge(fragment("crm", "A", day).email("ann@example.com").trait("x", "y"),
                SENT.plusSeconds(60));

        assertThat(recreated.changedProfileIds()).hasSize(1);
        assertThat(stored("A")).isTrue();
    }

    @Test
    void aVersionSentBeforeTheRemovalStaysOutAfterTheRecordCameBack() {
        remove(SENT, "A");
        merge(fragment("crm", "A", T0).email("ann@example.com").trait("v", "3"), SENT.plusSeconds(1)); // re-created

        // sent before the removal, observed "later" by a source clock that ran ahead then, arriving last
        MergeResult late = merge(fragment("crm", "A", T0.plusSeconds(3_600)).email("ann@example.com")
                .trait("v", "1"), SENT.minusSeconds(1));

        assertThat(late.unchanged()).isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().trait("v"))
                .contains("3");
    }

    @Test
    void ofTwoVersionsInOneCallTheNewestOneTheRemovalDoesNotKeepOutCounts() {
        remove(SENT, "A");

        MergeResult both = fx.engine.merge(List.of(
                fragment("crm", "A", T0.plusSeconds(10)).email("ann@example.com").trait("v", "1").build(),
                fragment("crm", "A", T0).email("ann@example.com").trait("v", "3").build()),
                List.of(SENT.minusSeconds(1), SENT.plusSeconds(1)));

        assertThat(both.changedProfileIds()).hasSize(1);
        assertThat(both.unchanged()).as("the other version, superseded").isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().trait("v"))
                .as("the version sent after the removal, though observed earlier").contains("3");
    }

    @Test
    void anEarlierRemovalDoesNotMoveATombstoneBack() {
        remove(SENT, "A");
        remove(SENT.minusSeconds(10), "A"); // a replay of an older removal

        assertThat(merge(fragment("crm", "A", T0).email("ann@example.com"), SENT.minusSeconds(5)).unchanged())
                .isEqualTo(1);
        assertThat(stored("A")).isFalse();
    }

    @Test
    void aRemovalOfStoredAndUnknownRecordsTombstonesBoth() {
        merge(fragment("crm", "A", T0).email("ann@example.com"), SENT.minusSeconds(60));

        MergeResult removal = remove(SENT, "A", "B");

        assertThat(removal.removedProfileIds()).containsExactly("p1");
        assertThat(removal.unchanged()).as("B").isEqualTo(1);
        assertThat(TestStore.rows(fx.dataSource, "select source_record_id from cdp_fragment_tombstone"
                + " order by source_record_id")).containsExactly(List.of("A"), List.of("B"));
        assertThat(merge(fragment("crm", "B", T0).phone("0612345678"), SENT.minusSeconds(1)).unchanged())
                .isEqualTo(1);
    }

    @Test
    void withoutSendTimesOnlyTheRemovedVersionAndOlderOnesStayOut() {
        MergeResult removal = fx.engine.remove("crm", List.of("A"), null);
        assertThat(removal.unchanged()).isEqualTo(1);
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment_tombstone")).as("an unknown record").isZero();

        remove(SENT, "B");
        assertThat(fx.engine.merge(List.of(fragment("crm", "B", T0).email("bob@example.com").build())).changedProfileIds())
                .as("a fragment without a send time: only the removed version would stay out").hasSize(1);
    }

    @Test
    void aDeadLetteredVersionReplayedAfterTheRemovalStaysOut() {
        merge(fragment("crm", "B", T0).email("bob@example.com"), SENT.minusSeconds(120)); // untouched
        merge(fragment("crm", "A", T0).email("ann@example.com").trait("v", "0"), SENT.minusSeconds(120));
        // version 1 of A, newer, was sent at SENT - 60 s and dead-lettered; the source then deleted A
        remove(SENT, "A");

        MergeResult replay = merge(fragment("crm", "A", T0.plusSeconds(1)).email("ann@example.com")
                .trait("v", "1"), SENT.minusSeconds(60));

        assertThat(replay.unchanged()).isEqualTo(1);
        assertThat(stored("A")).isFalse();
        assertThat(stored("B")).isTrue();
        assertThat(fx.queries.count()).isEqualTo(1);
    }

    @Test
    void aStoredRecordRemovedAndReCreatedStillKeepsOutWhatWasSentBeforeTheRemoval() {
        merge(fragment("crm", "A", T0).email("ann@example.com").trait("v", "1"), SENT.minusSeconds(60));
        remove(SENT, "A");
        merge(fragment("crm", "A", T0).email("ann@example.com").trait("v", "3"), SENT.plusSeconds(60)); // back

        assertThat(TestStore.rows(fx.dataSource, "select observed_at from cdp_fragment_tombstone"))
                .as("the tombstone stays with its send time, without the removed version")
                .containsExactly(java.util.Collections.singletonList(null));
        // sent before the removal, observed later by a source clock that ran ahead then, arriving last
        MergeResult late = merge(fragment("crm", "A", T0.plusSeconds(3_600)).email("ann@example.com")
                .trait("v", "2"), SENT.minusSeconds(30));

        assertThat(late.unchanged()).isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().trait("v"))
                .contains("3");

        // removed again, later: the tombstone takes the later send time
        remove(SENT.plusSeconds(120), "A");
        assertThat(merge(fragment("crm", "A", T0.plusSeconds(7_200)).email("ann@example.com"),
                SENT.plusSeconds(90)).unchanged()).isEqualTo(1);
        assertThat(stored("A")).isFalse();
    }

    @Test
    void anExpiryAfterTheRecordCameBackKeepsTheRemovalsSendTimeAndTheExpiredVersionOut() {
        remove(SENT, "A");
        merge(fragment("crm", "A", T0).email("ann@example.com").expiresAt(T0.plusSeconds(10)), SENT.plusSeconds(1));
        fx.clock.advance(java.time.Duration.ofDays(2));

        assertThat(fx.engine.expire(10).removedProfileIds()).hasSize(1);

        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"
                + " where sent_at = ? and forget_at is null",
                java.time.OffsetDateTime.ofInstant(SENT, java.time.ZoneOffset.UTC)))
                .as("the removal's send time stays, and so does the tombstone").containsExactly(List.of("1"));
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"))
                .containsExactly(List.of("1"));
        assertThat(merge(fragment("crm", "A", T0).email("ann@example.com").expiresAt(T0.plusSeconds(10)),
                SENT.plusSeconds(1)).unchanged()).as("the expired version, redelivered").isEqualTo(1);
        assertThat(merge(fragment("crm", "A", T0.plusSeconds(5)).email("ann@example.com")
                .expiresAt(T0.plus(java.time.Duration.ofDays(30))), SENT.minusSeconds(1)).unchanged())
                .as("a version sent before the removal").isEqualTo(1);
        assertThat(stored("A")).isFalse();
    }

    @Test
    void aRedeliveredBatchDoesNotPutAnOlderVersionOverTheStoredOneOfARecordThatCameBack() {
        Instant day = Instant.parse("2026-12-01T00:00:00Z");
        remove(SENT, "A");
        List<org.cdphub.api.model.Fragment> batch = List.of(
                fragment("crm", "A", day).email("ann@example.com").trait("v", "x").build(),
                fragment("crm", "A", day).email("ann@example.com").trait("v", "y").build());
        List<Instant> sent = List.of(SENT.plusSeconds(1), SENT.plusSeconds(2));
        fx.engine.merge(batch, sent);

        MergeResult again = fx.engine.merge(batch, sent);

        assertThat(again.changedProfileIds()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().trait("v"))
                .contains("y");
    }

    @Test
    void sendTimesMustMatchTheFragments() {
        assertThatThrownBy(() -> fx.engine.merge(List.of(fragment("crm", "A", T0).email("a@example.com").build()),
                List.of(SENT, SENT))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 send times");
    }
}

package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Instant;
import java.util.List;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Removals that say when the source deleted the record: fragments and removals of one record may arrive in any order
 * (several nodes, a group moved to a node that joined, a dead letter replayed) and the record still ends as the
 * source left it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TimedRemovalTest {

    private static final Instant REMOVED = T0.plusSeconds(60);

    private final EngineFixture fx;

    TimedRemovalTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
    }

    private MergeResult merge(EngineFixture.FragmentBuilder fragment) {
        return fx.engine.merge(List.of(fragment.build()));
    }

    private boolean stored(String source, String id) {
        return TestStore.rows(fx.dataSource, "select source from cdp_fragment where source = ? and source_record_id = ?",
                source, id).size() == 1;
    }

    @Test
    void aRemovalThatOvertookItsFragmentKeepsTheFragmentOut() {
        MergeResult removal = fx.engine.remove("crm", List.of("A"), REMOVED);
        assertThat(removal.unchanged()).as("nothing stored to remove").isEqualTo(1);
        assertThat(removal.changedProfileIds()).isEmpty();

        MergeResult late = merge(fragment("crm", "A", T0.plusSeconds(30)).email("ann@example.com"));

        assertThat(late.unchanged()).isEqualTo(1);
        assertThat(late.changedProfileIds()).isEmpty();
        assertThat(stored("crm", "A")).isFalse();
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com"))).isEmpty();
    }

    @Test
    void aVersionObservedAfterTheRemovalBringsTheRecordBack() {
        fx.engine.remove("crm", List.of("A"), REMOVED);

        MergeResult recreated = merge(fragment("crm", "A", REMOVED.plusSeconds(1)).email("ann@example.com"));

        assertThat(recreated.changedProfileIds()).containsExactly("p1");
        assertThat(stored("crm", "A")).isTrue();
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment_tombstone")).isZero();
    }

    @Test
    void anUpdateTheRemovalOvertookDoesNotBringTheRecordBack() {
        merge(fragment("crm", "A", T0).email("ann@example.com"));
        fx.engine.remove("crm", List.of("A"), REMOVED); // the update observed at T0 + 30 s was sent before it

        MergeResult update = merge(fragment("crm", "A", T0.plusSeconds(30)).email("ann@example.com")
                .trait("firstName", "Ann"));

        assertThat(update.unchanged()).isEqualTo(1);
        assertThat(stored("crm", "A")).isFalse();
        assertThat(fx.queries.count()).isZero();
    }

    @Test
    void aRemovalAlwaysRemovesWhatIsStoredEvenANewerVersion() {
        merge(fragment("crm", "A", REMOVED.plusSeconds(5)).email("ann@example.com"));

        MergeResult removal = fx.engine.remove("crm", List.of("A"), REMOVED);

        assertThat(removal.removedProfileIds()).containsExactly("p1");
        assertThat(stored("crm", "A")).isFalse();
        // the removed version (later than the removal's time) and anything older stay out
        assertThat(merge(fragment("crm", "A", REMOVED.plusSeconds(5)).email("ann@example.com").trait("x", "y"))
                .unchanged()).isEqualTo(1);
    }

    @Test
    void anEarlierRemovalDoesNotMoveATombstoneBack() {
        fx.engine.remove("crm", List.of("A"), REMOVED);
        fx.engine.remove("crm", List.of("A"), T0); // a replay of an older removal

        assertThat(merge(fragment("crm", "A", T0.plusSeconds(30)).email("ann@example.com")).unchanged())
                .isEqualTo(1);
        assertThat(stored("crm", "A")).isFalse();
    }

    @Test
    void aRemovalWithoutATimeLeavesNothingForAnUnknownRecord() {
        MergeResult removal = fx.engine.remove("crm", List.of("A"), null);
        assertThat(removal.unchanged()).isEqualTo(1);
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment_tombstone")).isZero();

        merge(fragment("crm", "A", T0).email("ann@example.com"));
        assertThat(stored("crm", "A")).isTrue();
    }

    @Test
    void aDeadLetteredVersionReplayedAfterTheRemovalStaysOut() {
        merge(fragment("crm", "B", T0).email("bob@example.com")); // another record of the source, untouched
        // version 1 of A was dead-lettered (never stored); the source then deleted A
        fx.engine.remove("crm", List.of("A"), REMOVED);

        MergeResult replay = merge(fragment("crm", "A", T0.plusSeconds(1)).email("ann@example.com"));

        assertThat(replay.unchanged()).isEqualTo(1);
        assertThat(stored("crm", "A")).isFalse();
        assertThat(stored("crm", "B")).isTrue();
        assertThat(fx.queries.count()).isEqualTo(1);
    }
}

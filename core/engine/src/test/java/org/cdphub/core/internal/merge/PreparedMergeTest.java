package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.Arrays;
import java.util.List;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PreparedBatch;
import org.junit.jupiter.api.Test;

/**
 * A batch prepared ahead ({@link MergeEngine#prepare}) while another is merged: the preparation reads nothing of the
 * store, so what was merged in between counts, and it is used only by the engine that made it.
 */
class PreparedMergeTest {

    private final EngineFixture fx = new EngineFixture();

    @Test
    void aBatchPreparedBeforeAnotherWasMergedLinksToWhatThatOneStored() {
        PreparedBatch later = fx.engine.prepare(List.of(fragment("shop", "B", T0).email("ann@example.com")
                .phone("06 12345678").build()), null);
        String ann = fx.engine.merge(List.of(fragment("crm", "A", T0).phone("+31612345678").build()))
                .changedProfileIds().get(0);

        MergeResult result = fx.engine.merge(later);

        assertThat(result.changedProfileIds()).containsExactly(ann);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().profileId())
                .isEqualTo(ann);
        assertThat(fx.engine.merge(later).unchanged()).as("merged again: a redelivery").isEqualTo(1);
    }

    @Test
    void whatThePreparationFindsWrongIsRefusedByTheMerge() {
        PreparedBatch batch = fx.engine.prepare(Arrays.asList(fragment("crm", "A", T0).phone("12").build(),
                fragment("crm", "B", T0).email("bea@example.com").build()), Arrays.asList(null, T0));

        MergeResult result = fx.engine.merge(batch);

        assertThat(result.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("invalid phone number '12'"));
        assertThat(result.changedProfileIds()).hasSize(1);
    }

    @Test
    void aBatchPreparedByAnEngineWithOtherRulesIsPreparedAgain() {
        MergeEngine british = new MergeEngine(fx.dataSource, new IdentifierNormalizer("GB"), fx.clock);
        PreparedBatch batch = british.prepare(List.of(fragment("crm", "A", T0).phone("06 12345678").build()), null);

        fx.engine.merge(batch);

        assertThat(fx.queries.findByIdentifier(new Identifier("phone", "+31612345678"))).as("read in NL").isPresent();
    }

    @Test
    void sendTimesMustMatchTheFragments() {
        assertThatThrownBy(() -> fx.engine.prepare(List.of(fragment("crm", "A", T0).email("a@example.com").build()),
                List.of(T0, T0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 send times");
    }
}

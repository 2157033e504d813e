package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.List;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Profiles stored with keys of an older scheme (or none) get their blocking keys back, and match again. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BlockKeyBackfillTest {

    private final EngineFixture fx;

    BlockKeyBackfillTest(TestDatabase database) {
        fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
    }

    private static EngineFixture.FragmentBuilder ann(String source, String id, int seconds) {
        return fragment(source, id, T0.plusSeconds(seconds)).trait("firstName", "Ann").trait("lastName", "Jansen")
                .trait("birthDate", "1980-04-12").trait("postcode", "1012 AB").trait("city", "Amsterdam");
    }

    @Test
    void aPendingBackfillRestoresTheKeysSoThatANewRecordMatchesAgain() throws Exception {
        BlockKeyBackfill backfill = new BlockKeyBackfill(fx.dataSource);
        assertThat(backfill.runIfPending()).isZero(); // a fresh store: nothing stored yet, marked done
        assertThat(backfill.pending()).isFalse();

        fx.engine.merge(List.of(ann("crm-a", "A", 0).id("crmId", "a:1").build()));
        TestStore.execute(fx.dataSource, "delete from cdp_block_key");
        TestStore.execute(fx.dataSource,
                "update cdp_setting set setting_value = 'pending' where setting_name = 'block_keys'");

        assertThat(backfill.runIfPending()).isEqualTo(1);
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_block_key where profile_id = 'p1'").get(0)
                .get(0)).isNotEqualTo("0");
        assertThat(backfill.pending()).isFalse();

        fx.engine.merge(List.of(ann("crm-b", "B", 1).id("crmId", "b:9").build()));
        assertThat(fx.queries.count()).isEqualTo(1);
    }
}

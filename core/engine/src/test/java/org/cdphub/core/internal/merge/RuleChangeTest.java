package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.rules.RulesConfig;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store was merged under other rules: the next merge that touches a profile applies the current ones. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RuleChangeTest {

    private final EngineFixture before;

    RuleChangeTest(TestDatabase database) {
        this.before = new EngineFixture(database, Map.of("rules.blocked.email", "",
                "rules.blocked.common", "x-placeholder"));
    }

    private MergeEngine after(Map<String, String> config) {
        return new MergeEngine(before.dataSource, before.normalizer, RulesConfig.parse(config), before.clock);
    }

    private String owner(String type, String value) {
        return before.queries.findByIdentifier(new Identifier(type, value)).orElseThrow().profileId();
    }

    @Test
    void aNewlyBlockedValueSplitsTheProfileItGluedWhenItIsTouched() {
        before.engine.merge(List.of(fragment("pos", "ann", T0).email("info@shop.nl").phone("0611111112").build(),
                fragment("pos", "bob", T0.plusSeconds(1)).email("info@shop.nl").phone("0622222223").build()));
        assertThat(before.queries.count()).isEqualTo(1);

        MergeResult touched = after(Map.of("rules.blocked.email", "info@*")).merge(List.of(
                fragment("web", "ann", T0).phone("0611111112").trait("firstName", "Ann").build()));

        assertThat(touched.splits()).hasSize(1);
        assertThat(before.queries.count()).isEqualTo(2);
        assertThat(owner("phone", "0611111112")).isNotEqualTo(owner("phone", "0622222223"));
        assertThat(before.queries.findByIdentifier(new Identifier("email", "info@shop.nl"))).isEmpty();
    }

    @Test
    void aValueNoLongerBlockedLinksWhereItIsFreeAndIsDroppedWhereAnotherProfileHoldsIt() {
        before.engine.merge(List.of(fragment("crm", "1", T0).id("crmId", "sf:1").id("cookieId", "x-placeholder")
                .build(), fragment("crm", "2", T0).id("crmId", "sf:2").id("cookieId", "x-placeholder").build()));
        assertThat(before.queries.count()).isEqualTo(2);
        MergeEngine unblocked = after(Map.of());

        unblocked.merge(List.of(fragment("web", "8", T0).id("crmId", "sf:1").build()));
        assertThat(owner("cookieId", "x-placeholder")).isEqualTo(owner("crmId", "sf:1"));
        MergeResult second = unblocked.merge(List.of(fragment("web", "9", T0).id("crmId", "sf:2").build()));

        assertThat(before.queries.count()).isEqualTo(2);
        assertThat(second.unlinked()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(UnlinkedIdentifier.Kind.DROPPED);
            assertThat(u.fragmentKey()).isEqualTo("crm/2");
            assertThat(u.reason()).startsWith("held by profile ");
        });
        assertThat(owner("cookieId", "x-placeholder")).isEqualTo(owner("crmId", "sf:1"));
        assertThat(before.queries.findByIdentifier(new Identifier("crmId", "sf:2")).orElseThrow().identifiers())
                .extracting(Identifier::key).containsExactly("crmId:sf:2");
    }
}

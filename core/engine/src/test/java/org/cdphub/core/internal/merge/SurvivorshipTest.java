package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;

/** Each survivorship rule, configured per trait, through the engine. */
class SurvivorshipTest {

    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    /** Four fragments of Ann: crm (oldest), shop, web, app (newest). */
    private static Map<String, TraitValue> traits(Map<String, String> config) {
        EngineFixture fx = new EngineFixture(config);
        fx.engine.merge(List.of(
                fragment("crm", "c1", T0).email("ann@example.com").trait("city", "Utrecht").trait("tier", "gold")
                        .trait("firstName", "Ann").build(),
                fragment("shop", "s1", T1).email("ann@example.com").trait("city", "Delft").trait("tier", "silver")
                        .trait("firstName", "Anne").build(),
                fragment("web", "w1", T2).email("ann@example.com").trait("city", "Delft").trait("tier", "gold")
                        .trait("firstName", null).build(),
                fragment("app", "a1", T3).email("ann@example.com").trait("city", "Gouda").trait("tier", "bronze")
                        .build()));
        return fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().traits();
    }

    @Test
    void mostRecentIsTheDefault() {
        Map<String, TraitValue> traits = traits(Map.of());
        assertThat(traits.get("city")).isEqualTo(new TraitValue("Gouda", "app", "a1", T3));
        assertThat(traits.get("firstName")).isEqualTo(new TraitValue("Anne", "shop", "s1", T1)); // null says nothing
    }

    @Test
    void oldest() {
        Map<String, TraitValue> traits = traits(Map.of("survivorship.city", "oldest"));
        assertThat(traits.get("city")).isEqualTo(new TraitValue("Utrecht", "crm", "c1", T0));
        assertThat(traits.get("tier").value()).isEqualTo("bronze"); // other traits keep the default
    }

    @Test
    void sourcePriorityFallsBackToMostRecentForUnlistedSources() {
        Map<String, TraitValue> traits = traits(Map.of("survivorship.default", "source-priority",
                "survivorship.sources", "shop, crm"));
        assertThat(traits.get("city")).isEqualTo(new TraitValue("Delft", "shop", "s1", T1));
        assertThat(traits.get("firstName")).isEqualTo(new TraitValue("Anne", "shop", "s1", T1));

        Map<String, TraitValue> onlyWeb = traits(Map.of("survivorship.city", "source-priority",
                "survivorship.sources", "web, nowhere"));
        assertThat(onlyWeb.get("city")).isEqualTo(new TraitValue("Delft", "web", "w1", T2));
        assertThat(onlyWeb.get("firstName")).isEqualTo(new TraitValue("Anne", "shop", "s1", T1));
    }

    @Test
    void mostFrequentWithTheMostRecentAsTieBreakAndProvenance() {
        Map<String, TraitValue> traits = traits(Map.of("survivorship.city", "most-frequent",
                "survivorship.tier", "most-frequent"));
        // Delft twice (shop, web): provenance is its most recent fragment
        assertThat(traits.get("city")).isEqualTo(new TraitValue("Delft", "web", "w1", T2));
        // gold twice (crm, web)
        assertThat(traits.get("tier")).isEqualTo(new TraitValue("gold", "web", "w1", T2));
        // one value each: the most recent
        Map<String, TraitValue> tie = traits(Map.of("survivorship.firstName", "most-frequent"));
        assertThat(tie.get("firstName")).isEqualTo(new TraitValue("Anne", "shop", "s1", T1));
    }

    @Test
    void mostFrequentComparesNumbersByValue() {
        EngineFixture fx = new EngineFixture(Map.of("survivorship.size", "most-frequent"));
        fx.engine.merge(List.of(
                fragment("a", "1", T0).email("ann@example.com").trait("size", 38).build(),
                fragment("b", "1", T1).email("ann@example.com").trait("size", 38.0).build(),
                fragment("c", "1", T2).email("ann@example.com").trait("size", 40).build()));
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow()
                .traits().get("size").source()).isEqualTo("b");
    }
}

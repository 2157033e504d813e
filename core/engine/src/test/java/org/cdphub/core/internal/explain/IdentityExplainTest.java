package org.cdphub.core.internal.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.List;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileExplanation.ExplainedFragment;
import org.cdphub.api.service.ProfileExplanation.Link;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class IdentityExplainTest {

    private final EngineFixture fx;

    IdentityExplainTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
    }

    private void ann() {
        fx.engine.merge(List.of(
                fragment("crm", "A", T0).email("Ann@Example.com").id("crmId", "salesforce:1")
                        .trait("firstName", "Ann").build(),
                fragment("shop", "B", T0.plusSeconds(1)).email("ann@example.com").phone("0612345678")
                        .trait("firstName", "Anne").build(),
                fragment("app", "C", T0.plusSeconds(2)).phone("+31612345678").email("test@test.com").build()));
        fx.engine.merge(List.of(fragment("crm", "D", T0.plusSeconds(3)).id("crmId", "salesforce:2")
                .email("ann@example.com").build()));
    }

    @Test
    void explainsFragmentsLinksAndUnlinkedIdentifiers() {
        ann();

        ProfileExplanation e = fx.explain.explain(new Identifier("phone", "06 12345678")).orElseThrow();

        assertThat(e.profileId()).isEqualTo("p1");
        assertThat(e.fragments()).extracting(ExplainedFragment::key).containsExactly("crm/A", "shop/B", "app/C");
        assertThat(e.fragments().get(2).identifiers()).extracting(Identifier::key)
                .containsExactly("phone:+31612345678", "email:test@test.com");
        assertThat(e.links()).extracting(Link::from, Link::to, Link::rule, Link::kind).containsExactly(
                tuple("crm/A", "shop/B", "shared identifier email:ann@example.com", Link.Kind.DETERMINISTIC),
                tuple("shop/B", "app/C", "shared identifier phone:+31612345678", Link.Kind.DETERMINISTIC));
        assertThat(e.links()).allSatisfy(l -> {
            assertThat(l.score()).isNull();
            assertThat(l.contributions()).isEmpty();
        });
        assertThat(e.unlinked()).extracting(UnlinkedIdentifier::fragmentKey, u -> u.identifier().key(),
                UnlinkedIdentifier::kind, UnlinkedIdentifier::reason).containsExactly(
                        tuple("app/C", "email:test@test.com", UnlinkedIdentifier.Kind.BLOCKED,
                                "placeholder value (matches 'test@test.com' of rules.blocked.email)"));
        assertThat(e.traits()).singleElement().satisfies(t -> {
            assertThat(t.trait()).isEqualTo("firstName");
            assertThat(t.rule()).isEqualTo("most-recent");
            assertThat(t.chosen()).isEqualTo(new TraitValue("Anne", "shop", "B", T0.plusSeconds(1)));
            assertThat(t.candidates()).extracting(TraitValue::value).containsExactly("Anne", "Ann");
        });
        String json = CdpJson.write(e);
        assertThat(json).contains("\"rule\":\"shared identifier email:ann@example.com\"").doesNotContain("score");
    }

    @Test
    void theProfileThatDroppedAnIdentifierShowsWhy() {
        ann();

        ProfileExplanation d = fx.explain.explain(new Identifier("crmId", "salesforce:2")).orElseThrow();

        assertThat(d.profileId()).isEqualTo("p2");
        assertThat(d.fragments()).extracting(ExplainedFragment::key).containsExactly("crm/D");
        assertThat(d.links()).isEmpty();
        assertThat(d.unlinked()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(UnlinkedIdentifier.Kind.DROPPED);
            assertThat(u.identifier()).isEqualTo(new Identifier("email", "ann@example.com"));
            assertThat(u.reason()).contains("2 crmId of system 'salesforce'").contains("the limit is 1 per system");
        });
    }

    @Test
    void aliasesAndAbsentOrBlockedIdentifiers() {
        ann();
        fx.clock.advance(java.time.Duration.ofMinutes(1));
        fx.engine.merge(List.of(fragment("web", "X", T0).id("cookieId", "c-1").build()));
        fx.engine.merge(List.of(fragment("web", "Y", T0).id("cookieId", "c-1").phone("0612345678").build()));

        assertThat(fx.explain.explain(new Identifier("cookieId", "c-1")).orElseThrow().aliases())
                .containsExactly("p3");
        assertThat(fx.explain.explain(new Identifier("email", "nobody@example.com"))).isEmpty();
        assertThat(fx.explain.explain(new Identifier("email", "not an email"))).isEmpty();
        assertThat(fx.explain.explain(new Identifier("email", "test@test.com"))).isEmpty();
        assertThat(fx.explain.blockedReason(new Identifier("email", " TEST@test.com")))
                .contains("placeholder value (matches 'test@test.com' of rules.blocked.email)");
        assertThat(fx.explain.blockedReason(new Identifier("phone", "06 66666666"))).isPresent();
        assertThat(fx.explain.blockedReason(new Identifier("phone", "06 12345678"))).isEmpty();
    }
}

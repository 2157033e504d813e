package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileExplanation.ExplainedFragment;
import org.cdphub.api.service.ProfileExplanation.ExplainedTrait;
import org.cdphub.api.service.ProfileExplanation.Link;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.junit.jupiter.api.Test;

class ExplanationFormatterTest {

    @Test
    void showsFragmentsLinksWithTheirRuleUnlinkedIdentifiersAndTraitCandidates() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        Identifier email = new Identifier("email", "ann@example.com");
        ProfileExplanation e = new ProfileExplanation("p-1", List.of("p-0"),
                List.of(new ExplainedFragment("crm", "A", t, List.of(email, new Identifier("crmId", "sf:1"))),
                        new ExplainedFragment("shop", "B", t, List.of(email)),
                        new ExplainedFragment("web", "C", t, List.of(new Identifier("cookieId", "c-1")))),
                List.of(Link.shared("crm/A", "shop/B", email),
                        new Link("shop/B", "web/C", Link.Kind.PROBABILISTIC, null, "name and address", 0.87,
                                Map.of("lastName", 0.5, "postcode", 0.37))),
                List.of(new UnlinkedIdentifier("shop", "B", new Identifier("phone", "0000000000"),
                        UnlinkedIdentifier.Kind.BLOCKED, "placeholder value")),
                List.of(new ExplainedTrait("firstName", "most-recent", new TraitValue("Anne", "shop", "B", t),
                        List.of(new TraitValue("Anne", "shop", "B", t), new TraitValue("Ann", "crm", "A", t)))));

        String text = ExplanationFormatter.format(e);

        assertThat(text).contains("Profile p-1").contains("aliases p-0").contains("Fragments (3)")
                .containsPattern("crm/A\\s+observed 2026-11-29T08:00:00Z")
                .contains("email:ann@example.com, crmId:sf:1")
                .contains("crm/A -- shop/B: shared identifier email:ann@example.com\n")
                .contains("shop/B -- web/C: name and address (score 0.87: lastName 0.5, postcode 0.37)")
                .containsPattern("phone:0000000000\\s+BLOCKED\\s+shop/B: placeholder value")
                .containsPattern("firstName\\s+Anne\\s+by most-recent, from shop/B")
                .contains("candidates: Anne (shop/B, 2026-11-29T08:00:00Z), Ann (crm/A, 2026-11-29T08:00:00Z)");
    }

    @Test
    void saysSoWhenThereAreNoLinks() {
        ProfileExplanation e = new ProfileExplanation("p-1", List.of(), List.of(new ExplainedFragment("crm", "A",
                Instant.parse("2026-11-29T08:00:00Z"), List.of())), List.of(), List.of(), List.of());
        assertThat(ExplanationFormatter.format(e)).contains("Links\n  (none").doesNotContain("Not linked")
                .doesNotContain("aliases");
    }
}

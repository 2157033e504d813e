package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;

class ProfileFormatterTest {

    @Test
    void showsIdentifiersTraitsWithProvenanceConsentsSegmentsAndSources() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        Profile p = new Profile("p-1", List.of(new Identifier("phone", "+31612345678"), new Identifier("email", "ann@example.com")),
                Map.of("country", new TraitValue("NL", "crm-a", "17", t)),
                List.of(new Consent("marketing", "email", ConsentStatus.GRANTED, t, "crm-a")), List.of(),
                List.of(new SegmentMembership("nl-customers", t)), List.of("p-0"),
                List.of(new SourceRef("crm-a", "17", t), new SourceRef("crm-b", "x9", t)), t, t);

        String text = ProfileFormatter.format(p);

        assertThat(text).contains("Profile p-1").contains("aliases p-0")
                .containsPattern("email\\s+ann@example.com")
                .containsPattern("country\\s+NL\\s+from crm-a/17")
                .containsPattern("marketing/email\\s+GRANTED")
                .containsPattern("nl-customers\\s+since")
                .contains("Sources (2)").contains("crm-b/x9");
        assertThat(text.indexOf("email ")).isLessThan(text.indexOf("phone "));
    }
}

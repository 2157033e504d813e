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

    @Test
    void aSourceWithManyRecordsShowsItsLatestFewAndHowManyMore() {
        Instant t = Instant.parse("2026-11-29T08:00:00Z");
        List<SourceRef> sources = new java.util.ArrayList<>();
        sources.add(new SourceRef("crm-a", "17", t));
        for (int i = 0; i < 1_250; i++) {
            sources.add(new SourceRef("web", "m-" + i, t.plusSeconds(i)));
        }
        Profile p = new Profile("p-1", List.of(new Identifier("email", "ann@example.com")), Map.of(), List.of(),
                List.of(), List.of(), List.of(), sources, t, t);

        String text = ProfileFormatter.format(p);

        assertThat(text).contains("Sources (1251)").contains("crm-a/17")
                .contains("web/m-1249 observed 2026-11-29T08:20:49Z").contains("web/m-1245")
                .doesNotContain("web/m-1244 ").contains("web: 1,245 more, observed earlier (--json lists them)");
        assertThat(text.lines().filter(l -> l.contains("web/"))).hasSize(ProfileFormatter.SOURCE_RECORDS_SHOWN);
    }
}

package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.model.TraitValue;
import org.cdphub.core.internal.bench.SegmentBench;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.SegmentDefinition;
import org.junit.jupiter.api.Test;

/** The streaming reader yields what the full parse of the profile yields, for the parts the definitions read. */
class ProfileInputReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    @Test
    void readsTheSameInputAsTheFullyParsedProfileKeepingOnlyTheEventTypesTheDefinitionsRead() {
        ProfileInputReader reader = ProfileInputReader.forDefinitions(TestSegments.of(
                "viewers", "{\"event\": \"page\", \"where\": {\"path\": \"/sale\"}, \"within\": \"P7D\"}",
                "carts", "{\"event\": \"add_to_cart\","
                        + " \"notFollowedBy\": {\"event\": \"order\", \"within\": \"PT1H\"}}"));
        Profile profile = odd();
        ProfileInputReader.Read read = reader.read(CdpJson.write(profile));
        EvaluationInput full = EvaluationInput.fromProfile(CdpJson.read(CdpJson.write(profile), Profile.class));

        assertThat(read.profileId()).isEqualTo("p-ü");
        assertThat(read.input().traits()).isEqualTo(full.traits());
        assertThat(read.input().traits()).containsKeys("city", "count", "ratio", "big", "tags", "nested", "flag")
                .doesNotContainKey("empty");
        assertThat(read.input().consents()).isEqualTo(full.consents());
        assertThat(read.input().eventsByType()).containsOnlyKeys("page", "add_to_cart", "order");
        for (String type : List.of("page", "add_to_cart", "order")) {
            assertThat(read.input().events(type)).isEqualTo(full.events(type));
        }
        assertThat(read.input().events("form")).isEmpty();
        assertThat(read.input().segments()).isEmpty(); // memberships come from the membership table
        assertThat(read.identifiers()).isEqualTo(profile.identifiers());
        assertThat(read.consents()).isEqualTo(profile.consents());
    }

    @Test
    void benchProfilesReadTheSameForEveryBenchDefinition() throws Exception {
        List<SegmentDefinition> definitions = SegmentBench.definitions();
        ProfileInputReader reader = ProfileInputReader.forDefinitions(definitions);
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            Profile profile = SegmentBench.profile(i, random, NOW);
            EvaluationInput read = reader.read(CdpJson.write(profile)).input();
            EvaluationInput full = EvaluationInput.fromProfile(profile);
            assertThat(read.traits()).isEqualTo(full.traits());
            assertThat(read.consents()).isEqualTo(full.consents());
            assertThat(read.eventsByType()).isEqualTo(full.eventsByType());
        }
    }

    /** Every kind of trait value, a null trait, consents, events of wanted and unwanted types, sources. */
    private static Profile odd() {
        Map<String, TraitValue> traits = new LinkedHashMap<>();
        traits.put("city", new TraitValue("München", "crm", "1", NOW));
        traits.put("count", new TraitValue(3, "crm", "1", NOW));
        traits.put("ratio", new TraitValue(0.25, "crm", "1", NOW));
        traits.put("big", new TraitValue(12345678901234L, "crm", "1", NOW));
        traits.put("tags", new TraitValue(List.of("a", 2, true), "crm", "1", NOW));
        traits.put("nested", new TraitValue(Map.of("k", List.of(1.5, "x")), "crm", "1", NOW));
        traits.put("flag", new TraitValue(false, "crm", "1", NOW));
        traits.put("empty", new TraitValue(null, "crm", "1", NOW));
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("path", "/sale");
        withNull.put("ref", null);
        withNull.put("items", List.of(Map.of("sku", "A-1", "qty", 2)));
        List<Event> events = new ArrayList<>();
        events.add(new Event("page", NOW.minusSeconds(60), "web", "e1", withNull));
        events.add(new Event("form", NOW.minusSeconds(50), "web", "e2", Map.of("field", "x")));
        events.add(new Event("add_to_cart", NOW.minusSeconds(40), "web", "e3", Map.of()));
        events.add(new Event("order", NOW.minusSeconds(30), "shop", "e4", Map.of("total", 12.5)));
        events.add(new Event("page", NOW.minusSeconds(90), "web", "e5", null));
        List<Consent> consents = List.of(
                new Consent("marketing", "email", ConsentStatus.GRANTED, NOW.minusSeconds(10), "crm"),
                new Consent("marketing", "sms", ConsentStatus.DENIED, NOW, "web"));
        return new Profile("p-ü", List.of(new Identifier("email", "ann@example.com"), new Identifier("crm", "7")),
                traits, consents, events, List.of(new SegmentMembership("old", NOW)), List.of("p-0"),
                List.of(new SourceRef("crm", "1", NOW)), NOW, NOW);
    }
}

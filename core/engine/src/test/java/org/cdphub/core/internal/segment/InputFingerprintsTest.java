package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.segments.api.EvaluationInput;
import org.junit.jupiter.api.Test;

class InputFingerprintsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00Z");
    private static final Set<String> FIELDS = Set.of("country", "orderCount", "events:page", "consents");

    @Test
    void equalValuesHashAlikeWhateverTheOrderOfTheirMaps() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("x", 1, "y", 2));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", Map.of("y", 2, "x", 1));
        ba.put("a", 1);
        String first = InputFingerprints.encode(InputFingerprints.of(input("NL", 2, ab, ConsentStatus.GRANTED), FIELDS)
                .values());
        Map<String, Long> again = InputFingerprints.of(input("NL", 2, ba, ConsentStatus.GRANTED), FIELDS);
        assertThat(InputFingerprints.changed(again, first)).isEmpty();
        assertThat(InputFingerprints.decode(first)).containsExactlyInAnyOrderElementsOf(again.values());
    }

    @Test
    void eachKindOfFieldShowsItsChange() {
        String stored = InputFingerprints.encode(InputFingerprints.of(input("NL", 2, Map.of(), ConsentStatus.GRANTED),
                FIELDS).values());
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("BE", 2, Map.of(), ConsentStatus.GRANTED),
                FIELDS), stored)).containsExactly("country");
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("NL", 3, Map.of(), ConsentStatus.GRANTED),
                FIELDS), stored)).containsExactly("orderCount");
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("NL", 2, Map.of("p", 1),
                ConsentStatus.GRANTED), FIELDS), stored)).containsExactly("events:page");
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("NL", 2, Map.of(), ConsentStatus.DENIED),
                FIELDS), stored)).containsExactly("consents");
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("NL", "2", Map.of(), ConsentStatus.GRANTED),
                FIELDS), stored)).as("the text 2 is not the number 2").containsExactly("orderCount");
        assertThat(InputFingerprints.changed(InputFingerprints.of(input("NL", 2, Map.of(), ConsentStatus.GRANTED),
                FIELDS), null)).containsExactlyInAnyOrderElementsOf(FIELDS);
    }

    @Test
    void valuesThatPrintAlikeStillDiffer() {
        Set<String> audiences = Set.of("dmpAudiences");
        String one = InputFingerprints.encode(InputFingerprints.of(EvaluationInput.of(
                Map.of("dmpAudiences", List.of("x, y")), List.of(), List.of(), List.of()), audiences).values());
        assertThat(InputFingerprints.changed(InputFingerprints.of(EvaluationInput.of(
                Map.of("dmpAudiences", List.of("x", "y")), List.of(), List.of(), List.of()), audiences), one))
                .containsExactly("dmpAudiences");
        assertThat(InputFingerprints.changed(InputFingerprints.of(EvaluationInput.of(
                Map.of("dmpAudiences", List.of(1)), List.of(), List.of(), List.of()), audiences),
                InputFingerprints.encode(InputFingerprints.of(EvaluationInput.of(Map.of("dmpAudiences", List.of("1")),
                        List.of(), List.of(), List.of()), audiences).values()))).containsExactly("dmpAudiences");
    }

    private static EvaluationInput input(String country, Object orders, Map<String, Object> pageProperties,
            ConsentStatus status) {
        return EvaluationInput.of(Map.of("country", country, "orderCount", orders),
                List.of(new Consent("marketing", "email", status, T0, "crm")),
                List.of(new Event("page", T0, "web", "v1", pageProperties)), List.of());
    }
}

package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Times finer than a microsecond (a connector that stamps records with the clock) are kept to the microsecond,
 * rounded half up as the store's columns keep them: the profile shows what the store holds, and the same record sent
 * again is recognised as the same version.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MicrosecondTimesTest {

    private static final Instant NANOS = Instant.parse("2026-12-02T09:00:16.742149641Z");
    private static final Instant ROUNDED = Instant.parse("2026-12-02T09:00:16.742150Z");

    private final EngineFixture fx;

    MicrosecondTimesTest(TestDatabase database) {
        this.fx = new EngineFixture(database);
    }

    @Test
    void timesFinerThanAMicrosecondAreKeptRoundedToIt() {
        Fragment tracked = fragment("web", "m-1", NANOS).email("ann@example.com")
                .event(new Event("page", NANOS.plusNanos(100), "web", "m-1", Map.of("url", "/")))
                .consent(new Consent("marketing", "web", ConsentStatus.GRANTED, NANOS.minusNanos(200), "web"))
                .build();
        assertThat(fx.engine.merge(List.of(tracked)).changedProfileIds()).hasSize(1);
        Profile profile = fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        assertThat(profile.sources()).singleElement().extracting(s -> s.observedAt()).isEqualTo(ROUNDED);
        assertThat(profile.events()).singleElement().extracting(Event::occurredAt)
                .isEqualTo(Instant.parse("2026-12-02T09:00:16.742150Z"));
        assertThat(profile.consents()).singleElement().extracting(Consent::updatedAt)
                .isEqualTo(Instant.parse("2026-12-02T09:00:16.742149Z"));

        MergeResult again = fx.engine.merge(List.of(tracked));
        assertThat(again.changedProfileIds()).as("the same record again changes nothing").isEmpty();
        assertThat(again.unchanged()).isEqualTo(1);
    }
}

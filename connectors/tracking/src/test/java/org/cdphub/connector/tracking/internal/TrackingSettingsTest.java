package org.cdphub.connector.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrackingSettingsTest {

    @Test
    void eventsTtlIsOffWhenEmptyAndNamedWhenWrong() {
        assertThat(TrackingSettings.from(config("")).eventsTtl()).isNull();
        assertThat(TrackingSettings.from(config(" ")).describe()).containsEntry("events.ttl", "(kept until erased)");
        assertThat(TrackingSettings.from(config("P395D")).eventsTtl()).isEqualTo(Duration.ofDays(395));
        assertThat(TrackingSettings.from(config("P30D")).describe()).containsEntry("events.ttl", "P30D");
        assertThat(TrackingSettings.from(config("PT36H")).describe()).containsEntry("events.ttl", "PT36H");
        assertThatThrownBy(() -> TrackingSettings.from(config("P2Y")))
                .hasMessage("events.ttl: 'P2Y' is longer than the 13 months (P395D) data that expires may be kept");
        assertThatThrownBy(() -> TrackingSettings.from(config("soon")))
                .hasMessageStartingWith("events.ttl: 'soon' is not an ISO-8601 duration");
    }

    @Test
    void aDedupWindowThatIsNoNumberIsNamed() {
        assertThat(TrackingSettings.from(config("", "0")).dedupWindow()).isZero();
        assertThatThrownBy(() -> TrackingSettings.from(config("", "lots")))
                .hasMessage("dedup.window: 'lots' is not a whole number");
        assertThatThrownBy(() -> TrackingSettings.from(config("", "-1")))
                .hasMessage("dedup.window: must be between 0 and 10000000, got -1");
        assertThat(TrackingSettings.from(config("", "0")).describe())
                .containsEntry("dedup.window", "0 (none remembered)");
    }

    @Test
    void theConnectorSendsEachRecordOnceSoItsFragmentsGoAsOneMessageOfNoGroup() {
        assertThat(new TrackingConnector(config("")).sendsEachRecordOnce()).isTrue();
    }

    private static TrackingConfig config(String ttl) {
        return config(ttl, "10");
    }

    private static TrackingConfig config(String ttl, String dedupWindow) {
        return new TrackingConfig() {
            public Class<? extends Annotation> annotationType() { return TrackingConfig.class; }
            public String id() { return "web"; }
            public String write_keys() { return "k"; }
            public String path() { return "/v1"; }
            public String phone_default_region() { return "NL"; }
            public String dedup_window() { return dedupWindow; }
            public String events_ttl() { return ttl; }
        };
    }
}

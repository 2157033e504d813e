package org.cdphub.connector.dmp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.cdphub.connector.dmp.internal.DmpSettings.FileKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmpSettingsTest {

    @TempDir
    Path temp;

    @Test
    void defaults() {
        DmpSettings s = Configs.settings(Configs.valid(temp));

        assertThat(s.ttl()).isEqualTo(Duration.ofDays(90));
        assertThat(s.platform()).isEqualTo("dmp-acme");
        assertThat(s.anonymousIdScope()).isEqualTo("web");
        assertThat(s.audienceColumns()).isEqualTo(new DmpSettings.AudienceColumns("id", "id_type", "segments",
                "expires_at"));
        assertThat(s.syncColumns()).isEqualTo(new DmpSettings.SyncColumns("dmp_id", "partner_uid", "synced_at"));
        assertThat(s.describe()).containsEntry("ttl", "PT2160H").containsEntry("audience.include", "audiences*.csv")
                .containsEntry("sync.include", "sync*.csv");
    }

    @Test
    void ttlOfTwoYearsIsRefusedAtActivationNamingTtl() {
        Map<String, String> keys = Configs.valid(temp);
        keys.put("ttl", "P2Y");

        assertThatThrownBy(() -> new DmpConnector(Configs.config(keys))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl: 'P2Y' is longer than the 13 months (P395D) data that expires may be kept");
    }

    @Test
    void ttlUpTo395DaysIsTakenAndOneDayMoreIsNot() {
        Map<String, String> keys = Configs.valid(temp);
        keys.put("ttl", "P395D");
        assertThat(Configs.settings(keys).ttl()).isEqualTo(Duration.ofDays(395));

        keys.put("ttl", "P396D");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessageStartingWith("ttl: 'P396D' is longer than");
        keys.put("ttl", "P57W");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessageStartingWith("ttl: 'P57W' is longer than");
    }

    @Test
    void ttlInWeeksOrHoursIsTakenMonthsAreNotAndNonsenseIsNamed() {
        Map<String, String> keys = Configs.valid(temp);
        keys.put("ttl", "P12W");
        assertThat(Configs.settings(keys).ttl()).isEqualTo(Duration.ofDays(84));
        keys.put("ttl", "pt36h");
        assertThat(Configs.settings(keys).ttl()).isEqualTo(Duration.ofHours(36));

        keys.put("ttl", "P6M");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessage("ttl: months and years have no fixed length; "
                + "give 'P6M' in days, e.g. P180D");
        keys.put("ttl", "90 days");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessageStartingWith("ttl: '90 days' is not an ISO-8601");
        keys.put("ttl", "P0D");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessage("ttl: must be longer than zero, got 'P0D'");
        keys.put("ttl", "-P1D");
        assertThatThrownBy(() -> Configs.settings(keys)).hasMessageStartingWith("ttl: must be longer than zero");
    }

    @Test
    void everyProblemIsReportedWithItsKey() throws Exception {
        Path file = Files.createFile(temp.resolve("not-a-folder"));
        Map<String, String> keys = Map.of("id", "DMP", "inbox", file.toString(), "platform", "a:b",
                "audience.include", "in/*.csv", "sync.include", "", "audience.column.id", " ", "batch.size", "0",
                "delimiter", "|");

        assertThatThrownBy(() -> Configs.settings(keys)).hasMessageContainingAll("id: 'DMP' must be",
                "inbox: '" + file + "' exists but is not a folder", "anonymous.id.scope: required",
                "platform: 'a:b' must be", "audience.include: 'in/*.csv' must be", "sync.include: '' must be",
                "audience.column.id: required", "batch.size: must be between 1 and 10000, got 0",
                "delimiter: must be one character other than");
    }

    @Test
    void platformDefaultsToTheIdAndPatternsMustDiffer() {
        Map<String, String> keys = Configs.valid(temp);
        keys.put("platform", "acme");
        assertThat(Configs.settings(keys).platform()).isEqualTo("acme");

        keys.put("sync.include", "AUDIENCES*.csv");
        assertThatThrownBy(() -> Configs.settings(keys))
                .hasMessage("sync.include: must differ from audience.include ('audiences*.csv')");
    }

    @Test
    void filesAreToldApartByNameInAnyCase() {
        DmpSettings s = Configs.settings(Configs.valid(temp));

        assertThat(s.kindOf("audiences-2026-11-29.csv")).contains(FileKind.AUDIENCE);
        assertThat(s.kindOf("Audiences.CSV")).contains(FileKind.AUDIENCE);
        assertThat(s.kindOf("sync_20261129.csv")).contains(FileKind.SYNC);
        assertThat(s.kindOf("contacts.csv")).isEmpty();
        assertThat(s.kindOf("audiences.csv.tmp")).isEmpty();
    }
}

package org.cdphub.core.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.IdentityExplain;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.merge.ProbabilisticMatching;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.matching.api.MatchModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The DS components constructed the way SCR does (configuration as annotation instances), on each database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ComponentsTest {

    private final TestDatabase database;

    ComponentsTest(TestDatabase database) {
        this.database = database;
    }

    private static CoreConfig core(String region) {
        return Annotations.of(CoreConfig.class, Map.of("phone_default_region", region));
    }

    private static SegmentsConfig segments(Path directory, String interval, String zone) {
        return Annotations.of(SegmentsConfig.class, Map.of("directory", directory.toString(),
                "reload_interval", interval, "time_zone", zone));
    }

    @Test
    void coreComponentMigratesTheStoreAndUsesTheConfiguredRegion() {
        DataSource dataSource = database.unmigrated();
        CoreComponent core = new CoreComponent(dataSource, core("gb"));
        assertThat(core.count()).isZero();

        MergeResult result = core.merge(List.of(new Fragment("crm", "1", Instant.parse("2025-01-01T00:00:00Z"),
                List.of(new Identifier("phone", "07400 123456")), null, null, null, null)));

        assertThat(result.changedProfileIds()).hasSize(1);
        assertThat(core.findByIdentifier(new Identifier("phone", "+447400123456"))).isPresent();
        assertThat(core.findById(result.changedProfileIds().get(0))).isPresent();
    }

    @Test
    void coreComponentPassesSendTimesOnAndEveryDefaultMethodTheEngineImplements() {
        CoreComponent core = new CoreComponent(database.unmigrated(), core("gb"));
        Instant sent = Instant.parse("2025-01-02T00:00:00Z");
        core.remove("crm", List.of("1"), sent); // not stored yet: its fragment, sent before, is still on its way

        MergeResult late = core.merge(List.of(new Fragment("crm", "1", sent.plusSeconds(60),
                List.of(new Identifier("email", "ann@example.com")), null, null, null, null)),
                List.of(sent.minusSeconds(1)));

        assertThat(late.unchanged()).as("both send times reached the engine").isEqualTo(1);
        assertThat(core.count()).isZero();
        // a default method the engine implements but the component does not pass on would skip the engine
        for (java.lang.reflect.Method m : org.cdphub.api.service.IdentityResolution.class.getMethods()) {
            if (m.isDefault() && declares(org.cdphub.core.internal.merge.MergeEngine.class, m)) {
                assertThat(declares(CoreComponent.class, m)).as("CoreComponent." + m.getName()
                        + java.util.Arrays.toString(m.getParameterTypes())).isTrue();
            }
        }
    }

    private static boolean declares(Class<?> type, java.lang.reflect.Method m) {
        try {
            type.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void syncsOnlyAnH2FileStoreAndValidatesTheInterval(@TempDir Path dir) throws Exception {
        CoreComponent core = new CoreComponent(database.unmigrated(), core("NL"));
        assertThat(core.syncingStore()).isFalse(); // in memory, or PostgreSQL
        core.stop();
        org.h2.jdbcx.JdbcDataSource file = new org.h2.jdbcx.JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=-1");
        try {
            CoreComponent onFile = new CoreComponent(file, core("NL"));
            assertThat(onFile.syncingStore()).isTrue();
            onFile.stop();
            CoreComponent off = new CoreComponent(file,
                    Annotations.of(CoreConfig.class, Map.of("store_sync_interval", "PT0S")));
            assertThat(off.syncingStore()).isFalse();
            off.stop();
        } finally {
            try (var c = file.getConnection(); var s = c.createStatement()) {
                s.execute("shutdown");
            }
        }
        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(),
                Annotations.of(CoreConfig.class, Map.of("store_sync_interval", "1s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.cdphub.core store.sync.interval: expected PT0S (off) or an ISO-8601");
    }

    @Test
    void syncIntervalIsOffOrTenMillisecondsToAnHour() {
        assertThat(CoreComponent.syncInterval("PT0S")).isZero();
        assertThat(CoreComponent.syncInterval(" PT1S ")).hasSeconds(1);
        assertThat(CoreComponent.syncInterval("PT0.01S")).hasMillis(10);
        assertThat(CoreComponent.syncInterval("PT1H")).hasHours(1);
        for (String invalid : java.util.Arrays.asList("1s", "-PT1S", "", " ", null, "PT0.009S", "PT1H0.001S")) {
            assertThatThrownBy(() -> CoreComponent.syncInterval(invalid)).as(String.valueOf(invalid))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("org.cdphub.core store.sync.interval: expected PT0S (off) or an ISO-8601");
        }
    }

    @Test
    void invalidRegionFailsActivationNamingTheKey() {
        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(), core("Holland")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.cdphub.core phone.default.region: unknown phone region 'Holland'");
    }

    @Test
    void segmentsComponentLoadsTheDefinitionFilesAndReloadsThemKeepingTheLastGoodVersion(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("nl.yaml"), "name: nl-customers\ncondition:\n  trait: country\n  equals: NL\n");
        Files.writeString(dir.resolve("named.json"), "{\"name\": \"named\", \"description\": \"has a name\","
                + " \"condition\": {\"trait\": \"firstName\", \"exists\": true}}");
        SegmentsComponent component = new SegmentsComponent(database.unmigrated(), segments(dir, "PT1H", "UTC"));
        try {
            assertThat(component.segments()).extracting(s -> s.name() + " -> " + s.describe())
                    .containsExactlyInAnyOrder("nl-customers -> nl.yaml", "named -> has a name (named.json)");
            assertThat(component.problems()).isEmpty();
            assertThat(component.evaluate(List.of(), List.of())).isEmpty();

            Files.writeString(dir.resolve("nl.yaml"), "name: nl-customers\ncondition:\n  trait: country\n"
                    + "  equalz: NL\n");
            component.reload();
            assertThat(component.problems()).singleElement().asString().startsWith("nl.yaml:4:");
            assertThat(component.segments()).extracting(s -> s.name()).contains("nl-customers");

            Files.delete(dir.resolve("named.json"));
            component.reload();
            assertThat(component.segments()).extracting(s -> s.name()).containsExactly("nl-customers");
        } finally {
            component.stop();
        }
    }

    @Test
    void afterARestartTheFileWhoseDefinitionWasActiveKeepsItsSegmentWhateverTheFileNames(@TempDir Path dir)
            throws Exception {
        DataSource store = database.unmigrated();
        Files.writeString(dir.resolve("nl.yaml"), "name: nl-customers\ndescription: first\ncondition:\n"
                + "  trait: country\n  equals: NL\n");
        SegmentsComponent running = new SegmentsComponent(store, segments(dir, "PT1H", "UTC"));
        // added while the hub runs; "dup.yaml" sorts before "nl.yaml"
        Files.writeString(dir.resolve("dup.yaml"), "name: nl-customers\ndescription: added later\ncondition:\n"
                + "  trait: country\n  equals: BE\n");
        try {
            running.reload();
            assertThat(running.problems()).singleElement().asString()
                    .isEqualTo("dup.yaml:1: segment 'nl-customers' is already defined in nl.yaml");
        } finally {
            running.stop();
        }
        SegmentsComponent restarted = new SegmentsComponent(store, segments(dir, "PT1H", "UTC"));
        try {
            assertThat(restarted.segments()).extracting(s -> s.name() + " -> " + s.describe())
                    .containsExactly("nl-customers -> first (nl.yaml)");
            assertThat(restarted.problems()).singleElement().asString()
                    .isEqualTo("dup.yaml:1: segment 'nl-customers' is already defined in nl.yaml");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void badSegmentsConfigurationFailsActivationNamingTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> new SegmentsComponent(database.unmigrated(), segments(dir, "soon", "UTC")))
                .hasMessageStartingWith("org.cdphub.segments reload.interval:");
        assertThatThrownBy(() -> new SegmentsComponent(database.unmigrated(), segments(dir, "PT5S", "Mars/Base")))
                .hasMessageStartingWith("org.cdphub.segments time.zone: unknown time zone 'Mars/Base'");
    }

    @Test
    void identityRulesComeFromTypedKeysAndFreeKeysAndErrorsNameTheKey() {
        CoreConfig config = Annotations.of(CoreConfig.class, Map.of("rules_limit_phone", "1"));
        CoreComponent core = new CoreComponent(database.unmigrated(), config,
                Map.of("survivorship.city", "oldest", "rules.blocked.deviceId", "shared-tablet"));
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        MergeResult result = core.merge(List.of(
                new Fragment("pos", "1", t, List.of(new Identifier("deviceId", "shared-tablet"),
                        new Identifier("email", "ann@example.com"), new Identifier("phone", "0611111112")),
                        Map.of("city", "Delft"), null, null, null),
                new Fragment("pos", "2", t.plusSeconds(1), List.of(new Identifier("deviceId", "shared-tablet"),
                        new Identifier("email", "ann@example.com"), new Identifier("phone", "0622222223")),
                        Map.of("city", "Gouda"), null, null, null)));

        assertThat(result.unlinked()).extracting(u -> u.identifier().key() + " " + u.kind()).containsExactly(
                "deviceId:shared-tablet BLOCKED", "deviceId:shared-tablet BLOCKED", "phone:+31622222223 DROPPED");
        assertThat(core.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().trait("city"))
                .contains("Delft");
        IdentityExplain explain = core;
        assertThat(explain.explain(new Identifier("email", "ann@example.com")).orElseThrow().fragments()).hasSize(2);
        assertThat(explain.blockedReason(new Identifier("deviceId", "Shared-Tablet"))).isPresent();

        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(),
                Annotations.of(CoreConfig.class, Map.of("rules_limit_email", "many")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.cdphub.core rules.limit.email: expected a whole number");
        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(), core("NL"),
                Map.of("survivorship.city", "latest")))
                .hasMessageStartingWith("org.cdphub.core survivorship.city: expected one of most-recent");
        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(), core("NL"),
                Map.of("rules.limt.email", "3")))
                .hasMessageStartingWith("org.cdphub.core rules.limt.email: unknown key");
    }

    @Test
    void metatypeDefaultsAreTheBuiltInRules() {
        CoreConfig defaults = Annotations.of(CoreConfig.class, Map.of());
        assertThat(CoreComponent.rules(defaults, Map.of())).usingRecursiveComparison()
                .withComparatorForType(java.util.Comparator.comparing(java.util.regex.Pattern::pattern),
                        java.util.regex.Pattern.class)
                .ignoringFieldsMatchingRegexes(".*blocked.*\\.matcher") // BlockedValues' per-thread matchers
                .isEqualTo(ResolutionRules.defaults());
        assertThat(defaults.rules_limit_crmId()).isEqualTo("1/system");
        assertThat(defaults.rules_priority()).isEqualTo("crmId, customerId, email, phone, hashedEmail, deviceId,"
                + " cookieId");
        assertThat(defaults.survivorship_default()).isEqualTo("most-recent");
    }

    @Test
    void matchingKeys() throws Exception {
        ProbabilisticMatching defaults = CoreComponent.matching(Annotations.of(CoreConfig.class, Map.of()));
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.threshold()).isEqualTo(MatchModel.DEFAULT_THRESHOLD);

        Path weights = Files.createTempFile("weights", ".properties");
        Files.writeString(weights, "threshold=14\nbirthDate.exact.u=0.001\n");
        ProbabilisticMatching fromFile = CoreComponent.matching(Annotations.of(CoreConfig.class,
                Map.of("matching_weights", weights.toString(), "matching_enabled", false)));
        assertThat(fromFile.enabled()).isFalse();
        assertThat(fromFile.threshold()).isEqualTo(14.0);
        assertThat(CoreComponent.matching(Annotations.of(CoreConfig.class, Map.of("matching_weights",
                weights.toString(), "matching_threshold", "12.5"))).threshold()).isEqualTo(12.5);
        Files.delete(weights);

        assertThatThrownBy(() -> CoreComponent.matching(Annotations.of(CoreConfig.class,
                Map.of("matching_threshold", "high")))).hasMessageStartingWith("org.cdphub.core matching.threshold:");
        assertThatThrownBy(() -> CoreComponent.matching(Annotations.of(CoreConfig.class,
                Map.of("matching_weights", "/no/such/file"))))
                .hasMessageStartingWith("org.cdphub.core matching.weights:");
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        assertThat(CoreConfig.class.getMethod("phone_default_region").getDefaultValue()).isEqualTo("NL");
        assertThat(CoreConfig.class.getMethod("DataSource_target").getDefaultValue())
                .isEqualTo("(dataSourceName=cdphub)");
        assertThat(SegmentsConfig.class.getMethod("reload_interval").getDefaultValue()).isEqualTo("PT5S");
        assertThat(SegmentsConfig.class.getMethod("directory").getDefaultValue()).isEqualTo("");
    }
}

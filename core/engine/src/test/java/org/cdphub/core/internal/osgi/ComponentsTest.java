package org.cdphub.core.internal.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
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
        return new CoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CoreConfig.class;
            }

            @Override
            public String phone_default_region() {
                return region;
            }

            @Override
            public String DataSource_target() {
                return CoreComponent.DEFAULT_DATA_SOURCE;
            }
        };
    }

    private static SegmentsConfig segments(String... definitions) {
        return new SegmentsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SegmentsConfig.class;
            }

            @Override
            public String[] definitions() {
                return definitions;
            }

            @Override
            public String DataSource_target() {
                return CoreComponent.DEFAULT_DATA_SOURCE;
            }
        };
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
    void invalidRegionFailsActivationNamingTheKey() {
        assertThatThrownBy(() -> new CoreComponent(database.unmigrated(), core("Holland")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.cdphub.core phone.default.region: unknown phone region 'Holland'");
    }

    @Test
    void segmentsComponentParsesEveryDefinition() {
        SegmentsComponent component = new SegmentsComponent(database.unmigrated(),
                segments("nl-customers: country = NL", "named: exists(firstName)"));
        assertThat(component.segments()).extracting(s -> s.name() + " -> " + s.condition())
                .containsExactly("nl-customers -> country = NL", "named -> exists(firstName)");
        assertThat(component.evaluate(List.of(), List.of())).isEmpty();
    }

    @Test
    void badDefinitionFailsActivationNamingIt() {
        assertThatThrownBy(() -> new SegmentsComponent(database.unmigrated(),
                segments("nl-customers: country = NL", "vip: tier gold")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("org.cdphub.segments definitions: segment 'vip': expected '=' or '!='");
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        assertThat(CoreConfig.class.getMethod("phone_default_region").getDefaultValue()).isEqualTo("NL");
        assertThat(CoreConfig.class.getMethod("DataSource_target").getDefaultValue())
                .isEqualTo("(dataSourceName=cdphub)");
        assertThat((String[]) SegmentsConfig.class.getMethod("definitions").getDefaultValue())
                .containsExactly("nl-customers: country = NL");
    }
}

package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentDefinitionTest {

    @Test
    void parsesNameAndCondition() {
        SegmentDefinition d = SegmentDefinition.parse("  nl-customers :  country = NL ");
        assertThat(d.name()).isEqualTo("nl-customers");
        assertThat(d.conditionText()).isEqualTo("country = NL");
        assertThat(d.condition()).isEqualTo(new Condition.Compare("country", false, "NL"));
    }

    @Test
    void valuesMayContainColons() {
        assertThat(SegmentDefinition.parse("utm: source = 'a:b'").condition())
                .isEqualTo(new Condition.Compare("source", false, "a:b"));
    }

    @Test
    void parseAllSkipsBlankEntriesAndKeepsOrder() {
        assertThat(SegmentDefinition.parseAll(new String[] {"b: exists(x)", " ", "a: y = 1"}))
                .extracting(SegmentDefinition::name).containsExactly("b", "a");
        assertThat(SegmentDefinition.parseAll(null)).isEmpty();
    }

    @Test
    void badDefinitionsAreNamed() {
        assertThatThrownBy(() -> SegmentDefinition.parse("country = NL"))
                .hasMessageContaining("segment definition 'country = NL': expected '<name>: <condition>'");
        assertThatThrownBy(() -> SegmentDefinition.parse("NL-Customers: country = NL"))
                .hasMessageContaining("name 'NL-Customers' must match [a-z0-9][a-z0-9-]*");
        assertThatThrownBy(() -> SegmentDefinition.parse("-x: country = NL")).hasMessageContaining("name '-x'");
        assertThatThrownBy(() -> SegmentDefinition.parse("vip: tier = "))
                .hasMessageStartingWith("segment 'vip': expected a value");
        assertThatThrownBy(() -> SegmentDefinition.parseAll(new String[] {"a: x = 1", "a: y = 2"}))
                .hasMessageContaining("segment 'a' is defined more than once");
    }
}

package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.TraitValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {

    private static Profile profile(Object... nameValue) {
        Map<String, TraitValue> traits = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            traits.put((String) nameValue[i], new TraitValue(nameValue[i + 1], "crm", "1", Instant.EPOCH));
        }
        return new Profile("p", null, traits, null, null, null, null, null, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void parsesTheThreeForms() {
        assertThat(ConditionParser.parse("s", "country = NL")).isEqualTo(new Condition.Compare("country", false, "NL"));
        assertThat(ConditionParser.parse("s", "country=NL")).isEqualTo(new Condition.Compare("country", false, "NL"));
        assertThat(ConditionParser.parse("s", "  country != 'the Netherlands' "))
                .isEqualTo(new Condition.Compare("country", true, "the Netherlands"));
        assertThat(ConditionParser.parse("s", "exists( email_domain )"))
                .isEqualTo(new Condition.Exists("email_domain"));
        assertThat(ConditionParser.parse("s", "nick = \"say \\\"hi\\\"\""))
                .isEqualTo(new Condition.Compare("nick", false, "say \"hi\""));
        assertThat(ConditionParser.parse("s", "exists = yes")).isEqualTo(new Condition.Compare("exists", false, "yes"));
    }

    @Test
    void writesBackCanonicalText() {
        assertThat(ConditionParser.parse("s", "country='NL'").text()).isEqualTo("country = NL");
        assertThat(ConditionParser.parse("s", "city != 'Den Haag'").text()).isEqualTo("city != \"Den Haag\"");
        assertThat(ConditionParser.parse("s", "exists(x)").text()).isEqualTo("exists(x)");
    }

    @Test
    void equalsComparesStringsIgnoringCase() {
        Condition nl = ConditionParser.parse("s", "country = nl");
        assertThat(nl.test(profile("country", "NL"))).isTrue();
        assertThat(nl.test(profile("country", "BE"))).isFalse();
        assertThat(nl.test(profile())).isFalse();
        assertThat(ConditionParser.parse("s", "age = 42").test(profile("age", 42))).isTrue();
        assertThat(ConditionParser.parse("s", "vip = TRUE").test(profile("vip", true))).isTrue();
    }

    @Test
    void notEqualsIsTheNegationOfEquals() {
        Condition notNl = ConditionParser.parse("s", "country != NL");
        assertThat(notNl.test(profile("country", "nl"))).isFalse();
        assertThat(notNl.test(profile("country", "BE"))).isTrue();
        assertThat(notNl.test(profile())).isTrue();
    }

    @Test
    void existsNeedsAValue() {
        Condition exists = ConditionParser.parse("s", "exists(firstName)");
        assertThat(exists.test(profile("firstName", "Ann"))).isTrue();
        assertThat(exists.test(profile("lastName", "Smith"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                       | empty condition                          | 1",
        "country NL               | expected '=' or '!=' after trait 'country' | 9",
        "country =                | expected a value after the operator      | 10",
        "country == NL            | expected a value, found '='              | 10",
        "country = 'NL            | unterminated quoted value                | 11",
        "= NL                     | expected a trait name or exists(<trait>), found '=' | 1",
        "exists(country           | expected ')' to close exists(country     | 15",
        "exists()                 | expected a trait name inside exists(...), found ')' | 8",
        "country = NL and x = y   | unexpected 'and x = y' after the condition | 14",
        "1country = NL            | expected a trait name                    | 1",
    })
    void syntaxErrorsNameTheSegmentAndPointAtTheProblem(String condition, String problem, int column) {
        assertThatThrownBy(() -> ConditionParser.parse("nl-customers", condition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("segment 'nl-customers': ")
                .hasMessageContaining(problem)
                .hasMessageContaining("at column " + column + "\n  " + condition + "\n  " + " ".repeat(column - 1) + "^");
    }
}

package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.segments.api.TestSupport.eval;
import static org.cdphub.segments.api.TestSupport.traits;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every trait operator, each with a matching and a non-matching value, and the missing-trait case. */
class TraitOperatorsTest {

    private static final EvaluationInput NL = traits("country", "NL", "orderCount", 3, "totalSpend", "129.90",
            "email", "Ann@Example.com", "categoriesBought", List.of("shoes", "bags"), "signupDate", "2024-03-01",
            "vip", true);
    private static final EvaluationInput EMPTY = traits();

    @Test
    void equals() {
        assertThat(eval("trait: country\nequals: NL", NL)).isTrue();
        assertThat(eval("trait: country\nequals: nl", NL)).isFalse();
        assertThat(eval("trait: country\nequals: nl\nignoreCase: true", NL)).isTrue();
        assertThat(eval("trait: country\nequals: NL", EMPTY)).isFalse();
    }

    @Test
    void equalsComparesNumbersNumericallyAndBooleans() {
        assertThat(eval("trait: orderCount\nequals: 3.0", NL)).isTrue();
        assertThat(eval("trait: totalSpend\nequals: 129.9", NL)).isTrue();
        assertThat(eval("trait: orderCount\nequals: 4", NL)).isFalse();
        assertThat(eval("trait: vip\nequals: true", NL)).isTrue();
        assertThat(eval("trait: vip\nequals: false", NL)).isFalse();
    }

    @Test
    void equalsIgnoreCase() {
        assertThat(eval("trait: email\nequalsIgnoreCase: ann@example.com", NL)).isTrue();
        assertThat(eval("trait: email\nequalsIgnoreCase: bob@example.com", NL)).isFalse();
    }

    @Test
    void notEqualsIsTheExactNegationSoAMissingTraitMatches() {
        assertThat(eval("trait: country\nnotEquals: BE", NL)).isTrue();
        assertThat(eval("trait: country\nnotEquals: NL", NL)).isFalse();
        assertThat(eval("trait: country\nnotEquals: nl\nignoreCase: true", NL)).isFalse();
        assertThat(eval("trait: country\nnotEquals: NL", EMPTY)).isTrue();
    }

    @Test
    void inAndNotIn() {
        assertThat(eval("trait: country\nin: [BE, NL, LU]", NL)).isTrue();
        assertThat(eval("trait: country\nin: [BE, LU]", NL)).isFalse();
        assertThat(eval("trait: country\nin: [be, nl]\nignoreCase: true", NL)).isTrue();
        assertThat(eval("trait: country\nin: [NL]", EMPTY)).isFalse();
        assertThat(eval("trait: country\nnotIn: [BE, LU]", NL)).isTrue();
        assertThat(eval("trait: country\nnotIn: [NL]", NL)).isFalse();
        assertThat(eval("trait: country\nnotIn: [NL]", EMPTY)).isTrue();
    }

    @Test
    void exists() {
        assertThat(eval("trait: email\nexists: true", NL)).isTrue();
        assertThat(eval("trait: email\nexists: true", EMPTY)).isFalse();
        assertThat(eval("trait: email\nexists: false", EMPTY)).isTrue();
        assertThat(eval("trait: email\nexists: false", NL)).isFalse();
        assertThat(eval("trait: email\nexists: true", traits("email", "  "))).as("blank text").isFalse();
        assertThat(eval("trait: tags\nexists: true", traits("tags", List.of()))).as("empty list").isFalse();
    }

    @Test
    void orderingOperatorsAtTheirBoundaries() {
        assertThat(eval("trait: orderCount\ngt: 2", NL)).isTrue();
        assertThat(eval("trait: orderCount\ngt: 3", NL)).isFalse();
        assertThat(eval("trait: orderCount\ngte: 3", NL)).isTrue();
        assertThat(eval("trait: orderCount\ngte: 4", NL)).isFalse();
        assertThat(eval("trait: orderCount\nlt: 4", NL)).isTrue();
        assertThat(eval("trait: orderCount\nlt: 3", NL)).isFalse();
        assertThat(eval("trait: orderCount\nlte: 3", NL)).isTrue();
        assertThat(eval("trait: orderCount\nlte: 2", NL)).isFalse();
        assertThat(eval("trait: orderCount\ngte: 1", EMPTY)).isFalse();
    }

    @Test
    void orderingReadsNumbersFromTextAndRejectsNonNumbers() {
        assertThat(eval("trait: totalSpend\ngt: 100", NL)).isTrue();
        assertThat(eval("trait: totalSpend\ngt: 129.90", NL)).isFalse();
        assertThat(eval("trait: country\ngt: 1", NL)).as("text is not a number").isFalse();
    }

    @Test
    void orderingOfTextComparesIsoDates() {
        assertThat(eval("trait: signupDate\ngte: '2024-01-01'", NL)).isTrue();
        assertThat(eval("trait: signupDate\nlt: '2024-01-01'", NL)).isFalse();
    }

    @Test
    void betweenIsInclusiveAtBothEnds() {
        assertThat(eval("trait: orderCount\nbetween: [3, 5]", NL)).isTrue();
        assertThat(eval("trait: orderCount\nbetween: [1, 3]", NL)).isTrue();
        assertThat(eval("trait: orderCount\nbetween: [4, 5]", NL)).isFalse();
        assertThat(eval("trait: orderCount\nbetween: [1, 2]", NL)).isFalse();
        assertThat(eval("trait: orderCount\nbetween: [1, 2]", EMPTY)).isFalse();
    }

    @Test
    void severalOperatorsOnOneTraitMustAllHold() {
        assertThat(eval("trait: orderCount\ngte: 2\nlt: 10", NL)).isTrue();
        assertThat(eval("trait: orderCount\ngte: 2\nlt: 3", NL)).isFalse();
    }

    @Test
    void contains() {
        assertThat(eval("trait: email\ncontains: '@Example.'", NL)).isTrue();
        assertThat(eval("trait: email\ncontains: '@EXAMPLE.'", NL)).isFalse();
        assertThat(eval("trait: email\ncontains: '@EXAMPLE.'\nignoreCase: true", NL)).isTrue();
        assertThat(eval("trait: email\ncontains: x", EMPTY)).isFalse();
    }

    @Test
    void startsWith() {
        assertThat(eval("trait: email\nstartsWith: Ann", NL)).isTrue();
        assertThat(eval("trait: email\nstartsWith: ann", NL)).isFalse();
        assertThat(eval("trait: email\nstartsWith: ann\nignoreCase: true", NL)).isTrue();
    }

    @Test
    void endsWith() {
        assertThat(eval("trait: email\nendsWith: .com", NL)).isTrue();
        assertThat(eval("trait: email\nendsWith: .nl", NL)).isFalse();
        assertThat(eval("trait: email\nendsWith: .COM\nignoreCase: true", NL)).isTrue();
    }

    @Test
    void textOperatorsAreLiteralNotPatterns() {
        EvaluationInput input = traits("note", "a.c");
        assertThat(eval("trait: note\ncontains: '.'", input)).isTrue();
        assertThat(eval("trait: note\ncontains: '.*'", input)).isFalse();
        assertThat(eval("trait: note\nstartsWith: '[a]'", input)).isFalse();
    }

    @Test
    void aListTraitMatchesWhenAnyElementDoes() {
        assertThat(eval("trait: categoriesBought\nequals: shoes", NL)).isTrue();
        assertThat(eval("trait: categoriesBought\ncontains: bag", NL)).isTrue();
        assertThat(eval("trait: categoriesBought\nequals: hats", NL)).isFalse();
        assertThat(eval("trait: categoriesBought\nnotEquals: shoes", NL)).isFalse();
        assertThat(eval("trait: categoriesBought\nnotIn: [hats]", NL)).isTrue();
    }

    @Test
    void numbersInTextTraitsOnlyCompareNumericallyAgainstANumber() {
        EvaluationInput postcode = traits("postcode", "01234");
        assertThat(eval("trait: postcode\nequals: '01234'", postcode)).isTrue();
        assertThat(eval("trait: postcode\nequals: '1234'", postcode)).isFalse();
        assertThat(eval("trait: postcode\nequals: 01234", postcode)).as("unquoted leading zero stays text").isTrue();
        assertThat(eval("trait: postcode\nequals: 01234", traits("postcode", "1234"))).isFalse();
        assertThat(eval("trait: optIn\nequals: yes", traits("optIn", "yes"))).as("yes is text, not true").isTrue();
        assertThat(eval("trait: total\nequals: 10", traits("total", new BigDecimal("10.00")))).isTrue();
    }
}

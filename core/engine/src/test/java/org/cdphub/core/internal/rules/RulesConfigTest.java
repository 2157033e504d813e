package org.cdphub.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesConfigTest {

    private final IdentityRules defaults = IdentityRules.defaults();

    @ParameterizedTest(name = "{0}:{1} is blocked")
    @CsvSource({
            "email, null", "email, NULL", "email, N/A", "email, unknown", "email, anonymous",
            "email, test@test.com", "email, Test@Example.com", "email, noreply@shop.nl", "email, no-reply@x.io",
            "phone, -1", "phone, 0", "phone, 0000000000", "phone, +31666666666", "phone, 1111",
            "crmId, salesforce:null", "crmId, salesforce:0", "crmId, 'salesforce: '", "customerId, -1",
            "deviceId, 00000000-0000-0000-0000-000000000000", "cookieId, undefined", "loyaltyId, none"})
    void placeholdersAreBlocked(String type, String value) {
        assertThat(defaults.blocked().reason(type, value)).isPresent();
    }

    @ParameterizedTest(name = "{0}:{1} links")
    @CsvSource({
            "email, ann@example.com", "email, nobody@example.com", "email, testing@shop.nl", "phone, +31612345678",
            "phone, +31610000000", "crmId, salesforce:0035g00000XyZ1AAK", "crmId, salesforce:10",
            "cookieId, c-0", "deviceId, 0a0", "loyaltyId, nonesuch"})
    void realValuesAreNotBlocked(String type, String value) {
        assertThat(defaults.blocked().reason(type, value)).isEmpty();
    }

    @Test
    void emptyValuesAreAlwaysBlockedAndReasonsNameTheRule() {
        IdentityRules none = RulesConfig.parse(Map.of("rules.blocked.common", "", "rules.blocked.email", ""))
                .identity();
        assertThat(none.blocked().reason("email", "")).contains("empty value");
        assertThat(none.blocked().reason("email", "null")).isEmpty();
        assertThat(defaults.blocked().reason("email", "noreply@shop.nl"))
                .contains("placeholder value (matches 'noreply@*' of rules.blocked.email)");
        assertThat(defaults.blocked().reason("crmId", "sf:n/a"))
                .contains("placeholder value (matches 'n/a' of rules.blocked.common)");
    }

    @Test
    void configuredBlockedListsReplaceTheDefaultsOfTheirKey() {
        IdentityRules rules = RulesConfig.parse(Map.of(
                "rules.blocked.email", "info@*, *@mailinator.com",
                "rules.blocked.deviceId", "shared-tablet-1, re:kiosk-\\d+")).identity();
        assertThat(rules.blocked().reason("email", "info@shop.nl")).isPresent();
        assertThat(rules.blocked().reason("email", "x@MAILINATOR.com")).isPresent();
        assertThat(rules.blocked().reason("email", "test@test.com")).isEmpty(); // replaced
        assertThat(rules.blocked().reason("email", "null")).isPresent(); // common list still applies
        assertThat(rules.blocked().reason("deviceId", "Shared-Tablet-1")).isPresent();
        assertThat(rules.blocked().reason("deviceId", "kiosk-17")).isPresent();
        assertThat(rules.blocked().reason("deviceId", "kiosk-x")).isEmpty();
    }

    @Test
    void aGlobDecidesAsTheExpressionItStandsForWithoutOne() {
        List<String> globs = List.of("noreply@*", "*@mailinator.com", "*", "a*a", "a*b*c", "*x*", "**", "ab*ba",
                "info@*.nl", "*.*", "*s*", "*i*", "*xi", "kiosk-*", "*σ*", "Zoë*");
        List<String> values = List.of("noreply@shop.nl", "NoReply@Shop.NL", "noreply@", "x@mailinator.com",
                "@mailinator.com", "mailinator.com", "a", "aa", "aba", "abc", "acb", "abxbc", "aXbYc", "x", "ab",
                "abba", "ababa", "info@shop.nl", "info@shop.com", "info@.nl", "a.b", "noreply", "xnoreply@shop.nl",
                "kiosk-a\nb", "kiosk-7", "KIOSK-7\r", "\u017f", "\u0131", "x\u0130", "\u03bf\u03b4\u03bf\u03c2",
                "ZOË-1", "zoë", "\u212a", "x\u2028");
        for (String glob : globs) {
            // what the entry stood for before it was matched without an expression
            Pattern expression = Pattern.compile(String.join(".*", Arrays.stream(glob.split("\\*", -1))
                    .map(p -> p.isEmpty() ? "" : Pattern.quote(p)).toList()),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            BlockedValues blocked = RulesConfig.parse(Map.of("rules.blocked.common", "", "rules.blocked.loyaltyId",
                    glob)).identity().blocked();
            for (String value : values) {
                assertThat(blocked.reason("loyaltyId", value).isPresent()).as("'%s' on '%s'", glob, value)
                        .isEqualTo(expression.matcher(value).matches());
            }
        }
    }

    @Test
    void defaultLimitsAndPriority() {
        assertThat(defaults.limits().of("crmId")).isEqualTo(new Limit(1, true));
        assertThat(defaults.limits().of("customerId")).isEqualTo(new Limit(1, true));
        assertThat(defaults.limits().of("email")).isEqualTo(new Limit(5, false));
        assertThat(defaults.limits().of("phone")).isEqualTo(new Limit(3, false));
        assertThat(defaults.limits().of("cookieId")).isEqualTo(new Limit(50, false));
        assertThat(defaults.limits().of("deviceId")).isEqualTo(new Limit(50, false));
        assertThat(defaults.limits().of("loyaltyId")).isEqualTo(new Limit(50, false));
        assertThat(defaults.limits().countingKey(new Identifier("crmId", "salesforce:1")))
                .isEqualTo("crmId of system 'salesforce'");
        assertThat(defaults.limits().countingKey(new Identifier("email", "a@b.nl"))).isEqualTo("email");
        assertThat(defaults.priority().order()).containsExactly("crmId", "customerId", "email", "phone",
                "hashedEmail", "deviceId", "cookieId");
        List<Identifier> ids = new java.util.ArrayList<>(List.of(new Identifier("cookieId", "c"),
                new Identifier("loyaltyId", "l"), new Identifier("email", "b@x.nl"), new Identifier("crmId", "s:1"),
                new Identifier("email", "a@x.nl"), new Identifier("acmeId", "z")));
        ids.sort(defaults.priority().strongestFirst());
        assertThat(ids).extracting(Identifier::key).containsExactly("crmId:s:1", "email:a@x.nl", "email:b@x.nl",
                "cookieId:c", "acmeId:z", "loyaltyId:l");
    }

    @Test
    void limitsAndPriorityAreConfigurable() {
        IdentityRules rules = RulesConfig.parse(Map.of("rules.limit.email", "2", "rules.limit.loyaltyId", "1/system",
                "rules.limit.default", "unlimited", "rules.priority", "loyaltyId, email")).identity();
        assertThat(rules.limits().of("email")).isEqualTo(new Limit(2, false));
        assertThat(rules.limits().of("loyaltyId")).isEqualTo(new Limit(1, true));
        assertThat(rules.limits().of("acmeId").unlimited()).isTrue();
        assertThat(rules.limits().of("crmId")).isEqualTo(new Limit(1, true)); // default kept
        assertThat(rules.priority().rank("loyaltyId")).isZero();
        assertThat(rules.priority().rank("crmId")).isEqualTo(2);
    }

    @Test
    void survivorshipRules() {
        SurvivorshipRules rules = RulesConfig.parse(Map.of("survivorship.default", "oldest",
                "survivorship.firstName", "source-priority", "survivorship.sources", "crm, shop",
                "survivorship.tier", "MOST-FREQUENT")).survivorship();
        assertThat(rules.ruleFor("firstName")).isEqualTo(SurvivorshipRule.SOURCE_PRIORITY);
        assertThat(rules.ruleFor("tier")).isEqualTo(SurvivorshipRule.MOST_FREQUENT);
        assertThat(rules.ruleFor("city")).isEqualTo(SurvivorshipRule.OLDEST);
        assertThat(rules.sourceRank("crm")).isZero();
        assertThat(rules.sourceRank("web")).isEqualTo(2);
        assertThat(SurvivorshipRules.defaults().ruleFor("x")).isEqualTo(SurvivorshipRule.MOST_RECENT);
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("rules.limit.email", "five")))
                .hasMessage("rules.limit.email: expected a whole number of at least 1, '<n>/system' or 'unlimited',"
                        + " got 'five'");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("rules.limit.phone", "0")))
                .hasMessageStartingWith("rules.limit.phone: ");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("rules.blocked.email", "re:[a-")))
                .hasMessageStartingWith("rules.blocked.email: 're:[a-' is not a valid regular expression");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("rules.priority", "email, phone, email")))
                .hasMessage("rules.priority: 'email' is listed twice");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("rules.limits.email", "3")))
                .hasMessageStartingWith("rules.limits.email: unknown key");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("survivorship.city", "newest")))
                .hasMessage("survivorship.city: expected one of most-recent, source-priority, most-frequent, oldest, union,"
                        + " got 'newest'");
        assertThatThrownBy(() -> RulesConfig.parse(Map.of("survivorship.city", "source-priority")))
                .hasMessageStartingWith("survivorship.sources: survivorship.city is source-priority, so list the"
                        + " sources");
    }

    @Test
    void valuesMayComeAsArrays() {
        IdentityRules rules = RulesConfig.parse(Map.of("rules.priority", new String[] {"email", "crmId"}))
                .identity();
        assertThat(rules.priority().order()).containsExactly("email", "crmId");
    }
}

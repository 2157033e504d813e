package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.segments.api.TestSupport.EVALUATOR;
import static org.cdphub.segments.api.TestSupport.NOW;
import static org.cdphub.segments.api.TestSupport.condition;
import static org.cdphub.segments.api.TestSupport.eval;
import static org.cdphub.segments.api.TestSupport.event;
import static org.cdphub.segments.api.TestSupport.traits;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.junit.jupiter.api.Test;

/** all/any/not, consent, audiences, segment references, days since, and the fields a condition reads. */
class LogicAndFieldsTest {

    private static final String NESTED = """
            all:
              - trait: country
                equals: NL
              - any:
                  - trait: orderCount
                    gte: 3
                  - all:
                      - trait: vip
                        equals: true
                      - not: { trait: email, exists: false }
              - not: { segment: churned }""";

    @Test
    void nestedAllAnyNot() {
        assertThat(eval(NESTED, traits("country", "NL", "orderCount", 5))).isTrue();
        assertThat(eval(NESTED, traits("country", "NL", "orderCount", 1, "vip", true, "email", "a@b.nl"))).isTrue();
        assertThat(eval(NESTED, traits("country", "NL", "orderCount", 1, "vip", true))).as("no email").isFalse();
        assertThat(eval(NESTED, traits("country", "BE", "orderCount", 5))).isFalse();
        var churned = EvaluationInput.of(Map.of("country", "NL", "orderCount", 5), List.of(), List.of(),
                List.of("churned"));
        assertThat(EVALUATOR.evaluate(condition(NESTED), churned, NOW)).isFalse();
    }

    @Test
    void emptyLogicLikeInCodeFollowsTheUsualIdentities() {
        assertThat(EVALUATOR.evaluate(new Condition.All(List.of()), traits(), NOW)).isTrue();
        assertThat(EVALUATOR.evaluate(new Condition.Any(List.of()), traits(), NOW)).isFalse();
    }

    @Test
    void consentIsGrantedByDefaultAndOtherStatesCanBeAskedFor() {
        var granted = TestSupport.consents(new Consent("marketing", "email", ConsentStatus.GRANTED, NOW, "crm"));
        var denied = TestSupport.consents(new Consent("marketing", "email", ConsentStatus.GRANTED,
                NOW.minusSeconds(60), "crm"), new Consent("marketing", "email", ConsentStatus.DENIED, NOW, "web"));
        assertThat(eval("consent: marketing/email", granted)).isTrue();
        assertThat(eval("consent: marketing/email", denied)).as("latest wins").isFalse();
        assertThat(eval("consent: marketing/sms", granted)).isFalse();
        assertThat(eval("consent: marketing/email\nstatus: denied", denied)).isTrue();
        assertThat(eval("consent: marketing/sms\nstatus: unknown", granted)).as("no consent is unknown").isTrue();
    }

    @Test
    void dmpAudiencesFromAListOrACommaSeparatedTrait() {
        assertThat(eval("audience: dmp-sports-fans", traits("dmpAudiences", List.of("dmp-sports-fans", "x"))))
                .isTrue();
        assertThat(eval("audience: dmp-sports-fans", traits("dmpAudiences", "a, dmp-sports-fans"))).isTrue();
        assertThat(eval("audience: dmp-sports-fans", traits("dmpAudiences", List.of("dmp-travel")))).isFalse();
        assertThat(eval("audience: dmp-sports-fans", traits())).isFalse();
    }

    @Test
    void segmentMembership() {
        assertThat(eval("segment: vip", TestSupport.segments("vip"))).isTrue();
        assertThat(eval("segment: vip", TestSupport.segments("other"))).isFalse();
        assertThat(eval("segment: vip", TestSupport.segments("other").withSegments(List.of("vip")))).isTrue();
    }

    @Test
    void daysSinceLastOrderCountsWholeDaysFromLastOrderAt() {
        String lapsed = "trait: daysSinceLastOrder\ngt: 30";
        assertThat(eval(lapsed, traits("lastOrderAt", NOW.minus(Duration.ofDays(31)).toString()))).isTrue();
        assertThat(eval(lapsed, traits("lastOrderAt", NOW.minus(Duration.ofDays(31)).plusSeconds(1).toString())))
                .as("30 days and 23:59:59").isFalse();
        assertThat(eval(lapsed, traits())).isFalse();
        assertThat(eval("daysSince: signedUpAt\nbetween: [0, 7]", traits("signedUpAt", NOW.minus(Duration.ofDays(7)))))
                .isTrue();
    }

    @Test
    void nextFlipOfDaysSinceIsWhenTheThresholdIsCrossed() {
        var input = traits("lastOrderAt", NOW.minus(Duration.ofDays(10)).toString());
        assertThat(EVALUATOR.nextFlip(condition("trait: daysSinceLastOrder\ngt: 30"), input, NOW))
                .contains(NOW.plus(Duration.ofDays(21)));
        assertThat(EVALUATOR.nextFlip(condition("trait: daysSinceLastOrder\nlte: 14"), input, NOW))
                .contains(NOW.plus(Duration.ofDays(5)));
        assertThat(EVALUATOR.nextFlip(condition("trait: daysSinceLastOrder\nlt: 5"), input, NOW)).isEmpty();
    }

    @Test
    void nextFlipOfACombinationSkipsLeafChangesThatDoNotChangeTheWhole() {
        Condition c = condition("""
                any:
                  - event: page
                    within: P2D
                  - event: page
                    within: P5D
                    atLeast: 2""");
        var input = TestSupport.events(event("page", NOW.minus(Duration.ofDays(1))),
                event("page", NOW.minus(Duration.ofDays(3))));
        // the first branch ends in 1 day, the second in 2 days (when the 3-day-old event turns 5): the whole flips then
        assertThat(EVALUATOR.nextFlip(c, input, NOW)).contains(NOW.plus(Duration.ofDays(2)));
        assertThat(EVALUATOR.nextFlip(condition("trait: country\nequals: NL"), traits("country", "NL"), NOW))
                .isEmpty();
    }

    @Test
    void fieldsOfTheExampleDefinition() throws Exception {
        SegmentDefinition d = SegmentParser.parse("repeat-buyers-nl.yaml", ParserTest.EXAMPLE);
        assertThat(EVALUATOR.fields(d.condition())).containsExactlyInAnyOrder("country", "orderCount",
                "segments:churned", "events:page", "events:add_to_cart", "events:order", "birthDate", "timeZone",
                "latitude", "longitude", "consents", "dmpAudiences", "email", "lastOrderAt");
    }

    @Test
    void changedFieldsSelectTheAffectedDefinitions() throws Exception {
        var page = event("page", NOW);
        var before = EvaluationInput.of(Map.of("country", "NL", "city", "Utrecht"), List.of(), List.of(page),
                List.of("vip"));
        var after = EvaluationInput.of(Map.of("country", "BE", "city", "Utrecht"), List.of(
                new Consent("marketing", "email", ConsentStatus.GRANTED, NOW, "crm")),
                List.of(page, event("order", NOW)), List.of());
        Set<String> changed = Fields.changed(before, after);
        assertThat(changed).containsExactlyInAnyOrder("country", "consents", "events:order", "segments:vip");
        SegmentDefinition byCountry = new SegmentDefinition("nl", "", condition("location: { country: NL }"), null);
        SegmentDefinition byCity = new SegmentDefinition("utrecht", "", condition("location: { city: Utrecht }"),
                null);
        SegmentDefinition byVip = new SegmentDefinition("vip-nl", "", condition("segment: vip"), null);
        assertThat(Fields.affected(List.of(byCountry, byCity, byVip), changed)).containsExactly(byCountry, byVip);
    }
}

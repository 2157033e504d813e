package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.segments.api.TestSupport.EVALUATOR;
import static org.cdphub.segments.api.TestSupport.condition;
import static org.cdphub.segments.api.TestSupport.traits;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Birthday windows: year end, 29 February, time zones, and the instants at which the window opens and closes. */
class BirthdayTest {

    private static final Condition WEEK = condition("birthday: { withinDays: 7 }");
    private static final Condition TODAY = condition("birthday: { withinDays: 1 }");

    private static boolean in(Condition c, String birthDate, String now) {
        return EVALUATOR.evaluate(c, traits("birthDate", birthDate), Instant.parse(now));
    }

    @Test
    void theWindowIsTodayAndTheNextSixDaysAcrossTheYearEnd() {
        assertThat(in(WEEK, "1990-12-28", "2025-12-28T10:00:00Z")).as("today").isTrue();
        assertThat(in(WEEK, "1990-12-31", "2025-12-28T10:00:00Z")).isTrue();
        assertThat(in(WEEK, "1990-01-03", "2025-12-28T10:00:00Z")).as("Jan 3, 6 days ahead").isTrue();
        assertThat(in(WEEK, "1990-01-04", "2025-12-28T10:00:00Z")).as("Jan 4, 7 days ahead").isFalse();
        assertThat(in(WEEK, "1990-12-27", "2025-12-28T10:00:00Z")).as("yesterday").isFalse();
    }

    @Test
    void the29thOfFebruaryIsCelebratedOnThe28thInNonLeapYears() {
        assertThat(in(TODAY, "1992-02-29", "2025-02-28T10:00:00Z")).isTrue();
        assertThat(in(TODAY, "1992-02-29", "2025-03-01T10:00:00Z")).isFalse();
        assertThat(in(TODAY, "1992-02-29", "2024-02-28T10:00:00Z")).as("leap year: tomorrow").isFalse();
        assertThat(in(TODAY, "1992-02-29", "2024-02-29T10:00:00Z")).as("leap year: today").isTrue();
        assertThat(in(WEEK, "1992-02-29", "2025-02-22T10:00:00Z")).isTrue();
        assertThat(in(WEEK, "1992-02-29", "2025-02-21T10:00:00Z")).isFalse();
    }

    @Test
    void aBirthdayOn28FebruaryIsNotMovedInLeapYears() {
        assertThat(in(TODAY, "1990-02-28", "2024-02-28T10:00:00Z")).isTrue();
        assertThat(in(TODAY, "1990-02-28", "2024-02-29T10:00:00Z")).isFalse();
    }

    @Test
    void theWindowOpensAtLocalMidnightInThePersonsTimeZone() {
        // 2025-01-03T11:30Z is 2025-01-04 00:30 in Auckland (UTC+13) and 2025-01-03 03:30 in Los Angeles (UTC-8)
        Instant now = Instant.parse("2025-01-03T11:30:00Z");
        var auckland = traits("birthDate", "1980-01-10", "timeZone", "Pacific/Auckland");
        var losAngeles = traits("birthDate", "1980-01-10", "timeZone", "America/Los_Angeles");
        assertThat(EVALUATOR.evaluate(WEEK, auckland, now)).isTrue();
        assertThat(EVALUATOR.evaluate(WEEK, losAngeles, now)).isFalse();
        assertThat(EVALUATOR.nextFlip(WEEK, losAngeles, now)).contains(Instant.parse("2025-01-04T08:00:00Z"));
        assertThat(EVALUATOR.nextFlip(WEEK, auckland, now)).as("closes after the birthday, Auckland midnight")
                .contains(Instant.parse("2025-01-10T11:00:00Z"));
    }

    @Test
    void withoutAValidTimeZoneTraitTheDefaultZoneApplies() {
        Evaluator tokyo = Evaluator.create(ZoneId.of("Asia/Tokyo"));
        Instant now = Instant.parse("2025-01-03T16:00:00Z"); // 2025-01-04 01:00 in Tokyo
        assertThat(tokyo.evaluate(WEEK, traits("birthDate", "1980-01-10"), now)).isTrue();
        assertThat(tokyo.evaluate(WEEK, traits("birthDate", "1980-01-10", "timeZone", "Mars/Olympus"), now))
                .isTrue();
        assertThat(EVALUATOR.evaluate(WEEK, traits("birthDate", "1980-01-10"), now)).as("UTC: still Jan 3")
                .isFalse();
    }

    @Test
    void nextFlipAcrossTheYearEndAndOn29February() {
        var jan3 = traits("birthDate", "1990-01-03");
        assertThat(EVALUATOR.nextFlip(WEEK, jan3, Instant.parse("2025-12-20T10:00:00Z")))
                .contains(Instant.parse("2025-12-28T00:00:00Z"));
        assertThat(EVALUATOR.nextFlip(WEEK, jan3, Instant.parse("2025-12-30T10:00:00Z")))
                .contains(Instant.parse("2026-01-04T00:00:00Z"));
        var leap = traits("birthDate", "1992-02-29");
        assertThat(EVALUATOR.nextFlip(TODAY, leap, Instant.parse("2025-02-20T10:00:00Z")))
                .contains(Instant.parse("2025-02-28T00:00:00Z"));
        assertThat(EVALUATOR.nextFlip(TODAY, leap, Instant.parse("2025-02-28T10:00:00Z")))
                .contains(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(EVALUATOR.nextFlip(TODAY, leap, Instant.parse("2027-03-01T10:00:00Z")))
                .as("next celebration is the real 29 February of 2028").contains(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void aMissingOrUnreadableBirthDateNeverMatchesAndNeverFlips() {
        Instant now = Instant.parse("2025-01-03T10:00:00Z");
        assertThat(EVALUATOR.evaluate(WEEK, traits(), now)).isFalse();
        assertThat(EVALUATOR.evaluate(WEEK, traits("birthDate", "soon"), now)).isFalse();
        assertThat(EVALUATOR.nextFlip(WEEK, traits("birthDate", "soon"), now)).isEmpty();
        assertThat(EVALUATOR.evaluate(WEEK, traits("birthDate", "1980-01-05T00:00:00Z"), now))
                .as("a date-time is cut to its date").isTrue();
    }

    @Test
    void anotherTraitCanHoldTheDate() {
        Condition anniversary = condition("birthday: { withinDays: 3, trait: customerSince }");
        assertThat(EVALUATOR.evaluate(anniversary, traits("customerSince", "2020-06-16"),
                Instant.parse("2025-06-15T10:00:00Z"))).isTrue();
    }
}

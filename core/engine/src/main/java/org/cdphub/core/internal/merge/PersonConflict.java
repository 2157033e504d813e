package org.cdphub.core.internal.merge;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.FieldContribution;
import org.cdphub.matching.api.Level;
import org.cdphub.matching.api.MatchResult;
import org.cdphub.matching.api.Matcher;
import org.cdphub.matching.api.PersonRecord;

/**
 * Whether two records clearly describe two different people, for links by identifiers that people of one household
 * share ({@code rules.shared}: a family e-mail address, a landline). Two records conflict when the matcher vetoes them
 * (given names differ and no birth date agrees) or when their birth dates differ beyond a typo or swapped day and
 * month; an agreeing national id overrides both. Missing values are no evidence: a record without a given name and
 * a birth date (an order, a newsletter sign-up) conflicts with nobody. Pure and thread-safe.
 */
final class PersonConflict {

    private static final Map<String, Field> TRAITS = Map.of("firstName", Field.FIRST_NAME,
            "lastName", Field.LAST_NAME, "birthDate", Field.BIRTH_DATE, "nationalId", Field.NATIONAL_ID);

    private final Matcher matcher;

    PersonConflict(Matcher matcher) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /** The person a fragment describes, or null when it has neither a given name nor a birth date. */
    static PersonRecord person(Map<String, ?> traits) {
        if (traits == null || text(traits.get("firstName")) == null && text(traits.get("birthDate")) == null) {
            return null;
        }
        PersonRecord.Builder b = PersonRecord.builder("");
        TRAITS.forEach((trait, field) -> b.set(field, text(traits.get(trait))));
        return b.build();
    }

    /** Why {@code person} is not any of {@code others}, naming the first one it conflicts with; empty if none. */
    Optional<String> with(PersonRecord person, Collection<PersonRecord> others) {
        for (PersonRecord other : others) {
            Optional<String> conflict = between(person, other);
            if (conflict.isPresent()) {
                return conflict;
            }
        }
        return Optional.empty();
    }

    Optional<String> between(PersonRecord a, PersonRecord b) {
        MatchResult result = matcher.match(a, b);
        FieldContribution nationalId = contribution(result, Field.NATIONAL_ID);
        if (nationalId.level() == Level.EXACT || nationalId.level() == Level.CLOSE) {
            return Optional.empty();
        }
        FieldContribution birth = contribution(result, Field.BIRTH_DATE);
        if (result.vetoed()) {
            FieldContribution first = contribution(result, Field.FIRST_NAME);
            return Optional.of("given names differ (" + first.left() + " | " + first.right() + ") and no birth date"
                    + " agrees");
        }
        if (birth.level() == Level.DIFFERENT) {
            return Optional.of("birth dates differ (" + birth.left() + " | " + birth.right() + ")");
        }
        return Optional.empty();
    }

    private static FieldContribution contribution(MatchResult result, Field field) {
        return result.contributions().stream().filter(c -> c.field() == field).findFirst().orElseThrow();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }
}

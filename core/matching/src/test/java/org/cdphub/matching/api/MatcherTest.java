package org.cdphub.matching.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatcherTest {
    private final Matcher matcher = Matcher.fellegiSunter(MatchModel.defaults().withThreshold(10));

    private static PersonRecord.Builder ann(String id) {
        return PersonRecord.builder(id).set(Field.FIRST_NAME, "Ann").set(Field.LAST_NAME, "de Vries")
                .set(Field.BIRTH_DATE, "1980-03-12").set(Field.POSTCODE, "1012").set(Field.CITY, "Amsterdam");
    }

    @Test
    void scoresAndExplainsEveryField() {
        MatchResult r = matcher.match(ann("a").build(),
                ann("b").set(Field.LAST_NAME, "de vires").set(Field.BIRTH_DATE, "19801203").build());
        assertThat(r.isMatch()).isTrue();
        assertThat(r.contributions()).hasSize(Field.SCORED_COUNT);
        assertThat(r.contributions()).filteredOn(c -> c.field() == Field.LAST_NAME).singleElement()
                .satisfies(c -> assertThat(c.level()).isEqualTo(Level.CLOSE));
        assertThat(r.contributions()).filteredOn(c -> c.field() == Field.EMAIL).singleElement()
                .satisfies(c -> assertThat(c.weight()).isZero());
        assertThat(r.explain()).contains("birthDate", "CLOSE", "match");
        assertThat(matcher.score(ann("a").build(), ann("b").build())).isGreaterThan(r.score());
    }

    @Test
    void anonymousIdsNeverLinkByThemselves() {
        PersonRecord a = PersonRecord.builder("a").set(Field.COOKIE_ID, "ck-1").set(Field.DEVICE_ID, "dev-1").build();
        PersonRecord b = PersonRecord.builder("b").set(Field.COOKIE_ID, "ck-1").set(Field.DEVICE_ID, "dev-1").build();
        assertThat(matcher.score(a, b)).isZero();
        assertThat(matcher.match(a, b).isMatch()).isFalse();
    }

    @Test
    void householdMembersAreVetoed() {
        PersonRecord mother = PersonRecord.builder("m").set(Field.FIRST_NAME, "ann").set(Field.LAST_NAME, "berry")
                .set(Field.BIRTH_DATE, "19600101").set(Field.ADDRESS_LINE1, "oak street")
                .set(Field.STREET_NUMBER, "12").set(Field.POSTCODE, "2000").set(Field.EMAIL, "berrys@x.org").build();
        PersonRecord son = PersonRecord.builder("s").set(Field.FIRST_NAME, "lachlan").set(Field.LAST_NAME, "berry")
                .set(Field.BIRTH_DATE, "19900704").set(Field.ADDRESS_LINE1, "oak street")
                .set(Field.STREET_NUMBER, "12").set(Field.POSTCODE, "2000").set(Field.EMAIL, "berrys@x.org").build();
        MatchResult r = matcher.match(mother, son);
        assertThat(r.vetoed()).isTrue();
        assertThat(r.isMatch()).isFalse();
    }

    @Test
    void weightsFileRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weights.properties");
        MatchModel.defaults().withThreshold(12.5).save(file);
        MatchModel loaded = MatchModel.load(file);
        assertThat(loaded.threshold()).isEqualTo(12.5);
        assertThat(loaded.weight(Field.EMAIL, Level.EXACT))
                .isCloseTo(MatchModel.defaults().weight(Field.EMAIL, Level.EXACT), org.assertj.core.api.Assertions.within(0.01));
        Files.writeString(file, "threshold=7\nfirstName.exact.m=0.5\n");
        assertThat(MatchModel.load(file).threshold()).isEqualTo(7);
    }
}

package org.cdphub.matching.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.PersonRecord;
import org.junit.jupiter.api.Test;

class FieldComparatorTest {

    private static Prepared person(String first, String last, String dob) {
        return Prepared.of(PersonRecord.builder("x").set(Field.FIRST_NAME, first).set(Field.LAST_NAME, last)
                .set(Field.BIRTH_DATE, dob).build());
    }

    private static byte[] compare(Prepared a, Prepared b) {
        byte[] levels = new byte[Field.SCORED_COUNT];
        FieldComparator.compareAll(a, b, levels);
        return levels;
    }

    @Test
    void swappedFirstAndLastNamesStillAgree() {
        byte[] l = compare(person("Marianne", "Rees", null), person("rees", "maribanne", null));
        assertThat(l[Field.FIRST_NAME.ordinal()]).isEqualTo(Levels.CLOSE);
        assertThat(l[Field.LAST_NAME.ordinal()]).isEqualTo(Levels.CLOSE);
    }

    @Test
    void typosAreCloseAndStrangersDifferent() {
        byte[] l = compare(person("jonathan", "smith", null), person("jonahtan", "smiht", null));
        assertThat(l[Field.FIRST_NAME.ordinal()]).isEqualTo(Levels.CLOSE);
        assertThat(l[Field.LAST_NAME.ordinal()]).isEqualTo(Levels.CLOSE);
        byte[] d = compare(person("anna", "berry", null), person("lachlan", "waller", null));
        assertThat(d[Field.FIRST_NAME.ordinal()]).isEqualTo(Levels.DIFFERENT);
        assertThat(d[Field.LAST_NAME.ordinal()]).isEqualTo(Levels.DIFFERENT);
    }

    @Test
    void spacingAndWordOrderAreClose() {
        assertThat(FieldComparator.text("mc donald", "mcdonald")).isEqualTo(Levels.CLOSE);
        assertThat(FieldComparator.text("miller street north", "north miller street")).isEqualTo(Levels.CLOSE);
    }

    @Test
    void missingValuesAreNoEvidence() {
        byte[] l = compare(person(null, "smith", null), person("anna", "smith", "19800101"));
        assertThat(l[Field.FIRST_NAME.ordinal()]).isEqualTo(Levels.MISSING);
        assertThat(l[Field.BIRTH_DATE.ordinal()]).isEqualTo(Levels.MISSING);
        assertThat(l[Field.EMAIL.ordinal()]).isEqualTo(Levels.MISSING);
    }

    @Test
    void transposedDatePartsAreClose() {
        Prepared base = person("a", "b", "19800312");
        assertThat(compare(base, person("a", "b", "1980-12-03"))[2]).as("day and month swapped").isEqualTo(Levels.CLOSE);
        assertThat(compare(base, person("a", "b", "19803012"))[2]).as("digits transposed").isEqualTo(Levels.CLOSE);
        assertThat(compare(base, person("a", "b", "19810312"))[2]).as("one digit").isEqualTo(Levels.CLOSE);
        assertThat(compare(base, person("a", "b", "19800330"))[2]).as("same year and month").isEqualTo(Levels.PARTIAL);
        assertThat(compare(base, person("a", "b", "19650921"))[2]).isEqualTo(Levels.DIFFERENT);
        assertThat(compare(base, person("a", "b", "19800312"))[2]).isEqualTo(Levels.EXACT);
    }

    @Test
    void placeholdersAreMissing() {
        assertThat(Normalizer.normalize(Field.EMAIL, "test@test.com")).isNull();
        assertThat(Normalizer.normalize(Field.EMAIL, "Ann.Smith@Example.NET ")).isEqualTo("ann.smith@example.net");
        assertThat(Normalizer.normalize(Field.PHONE, "-1")).isNull();
        assertThat(Normalizer.normalize(Field.PHONE, "0000000000")).isNull();
        assertThat(Normalizer.normalize(Field.PHONE, "+61 412 345 678")).isEqualTo("412345678");
        assertThat(Normalizer.normalize(Field.LAST_NAME, "NULL")).isNull();
        assertThat(Normalizer.normalize(Field.FIRST_NAME, "  José  ")).isEqualTo("jose");
        assertThat(DateParser.parse("19000101")).isZero();
    }

    @Test
    void datesInBothFormsAndOffCalendarDigits() {
        assertThat(DateParser.parse("19800312")).isEqualTo(19800312);
        assertThat(DateParser.parse("1980-03-12")).isEqualTo(19800312);
        assertThat(DateParser.parse("19371233")).isEqualTo(19371233);
        assertThat(DateParser.onCalendar(19371233)).isFalse();
        assertThatThrownBy(() -> DateParser.parse("12/03/1980")).hasMessageContaining("unparsable date");
    }
}

package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Identifiers a household shares ({@code rules.shared}): a family e-mail address or landline must not glue the family
 * into one profile, while the same person's records, typos included, still join by it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class HouseholdMergeTest {

    private final TestDatabase database;
    private final EngineFixture fx;

    HouseholdMergeTest(TestDatabase database) {
        this.database = database;
        this.fx = new EngineFixture(database).nextIds("p-mary", "p-tom", "p-3", "p-4");
    }

    private MergeResult merge(EngineFixture.FragmentBuilder... fragments) {
        fx.clock.advance(Duration.ofMinutes(1));
        return fx.engine.merge(Arrays.stream(fragments).map(EngineFixture.FragmentBuilder::build).toList());
    }

    private static EngineFixture.FragmentBuilder person(String source, String id, String first, String birthDate) {
        return fragment(source, id, T0).trait("firstName", first).trait("lastName", "Jansen")
                .trait("birthDate", birthDate);
    }

    private Profile by(String type, String value) {
        return fx.queries.findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    @Test
    void aFamilyEmailDoesNotGlueTwoPeopleTogether() {
        merge(person("crm", "1", "Mary", "1970-05-06").email("jansen.family@example.com").phone("0612345678"));

        MergeResult tom = merge(person("shop", "7", "Tom", "2001-02-03").email("jansen.family@example.com")
                .email("tom@example.com"));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(by("email", "jansen.family@example.com").profileId()).isEqualTo("p-mary");
        assertThat(by("email", "tom@example.com").profileId()).isEqualTo("p-tom");
        assertThat(tom.unlinked()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(UnlinkedIdentifier.Kind.DROPPED);
            assertThat(u.identifier().key()).isEqualTo("email:jansen.family@example.com");
            assertThat(u.reason()).isEqualTo("shared with a different person: given names differ (tom | mary) and"
                    + " no birth date agrees");
        });
        assertThat(fx.explain.explain(new Identifier("email", "tom@example.com")).orElseThrow().unlinked())
                .extracting(UnlinkedIdentifier::reason).singleElement().asString().startsWith("shared with");
    }

    @Test
    void whenTheHolderIsErasedTheDroppedSharedIdentifierLinksAgain() {
        merge(person("crm", "1", "Mary", "1970-05-06").email("jansen.family@example.com"));
        merge(person("shop", "7", "Tom", "2001-02-03").email("jansen.family@example.com").email("tom@example.com"));

        MergeResult erased = fx.engine.remove("crm", java.util.List.of("1"));

        assertThat(erased.removedProfileIds()).containsExactly("p-mary");
        assertThat(erased.changedProfileIds()).containsExactly("p-mary", "p-tom");
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(by("email", "jansen.family@example.com").profileId()).isEqualTo("p-tom");
        assertThat(fx.explain.explain(new Identifier("email", "tom@example.com")).orElseThrow().unlinked()).isEmpty();
    }

    @Test
    void anIdentifierDroppedForALimitLinksOnceTheOtherHolderIsGone() {
        merge(fragment("shop", "1", T0).id("crmId", "sf:1").email("ann@example.com"));
        merge(fragment("crm", "2", T0).id("crmId", "sf:2").email("ann@example.com"));
        assertThat(by("crmId", "sf:2").identifiers()).extracting(Identifier::key).containsExactly("crmId:sf:2");

        fx.engine.remove("shop", java.util.List.of("1"));

        assertThat(by("email", "ann@example.com").profileId()).isEqualTo(by("crmId", "sf:2").profileId());
    }

    @Test
    void sameGivenNameButAnotherBirthDateIsAnotherPerson() {
        merge(person("crm", "1", "John", "1960-01-15").phone("0201234567"));
        MergeResult junior = merge(person("crm", "2", "John", "1990-08-30").phone("020 123 4567"));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(junior.unlinked()).extracting(UnlinkedIdentifier::reason).singleElement().asString()
                .startsWith("shared with a different person: birth dates differ");
    }

    @Test
    void theSamePersonWithTyposStillJoinsByTheSharedIdentifier() {
        merge(person("crm", "1", "Mary", "1970-05-06").email("mary@example.com"));
        merge(person("shop", "2", "Marry", "1970-06-05").email("mary@example.com")); // typo, day and month swapped
        merge(fragment("web", "3", T0).email("mary@example.com").trait("city", "Utrecht")); // no person: no check
        merge(fragment("app", "4", T0).email("mary@example.com").trait("firstName", "Mary"));

        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(by("email", "mary@example.com").sources()).hasSize(4);
    }

    @Test
    void aPersonInTheMiddleDoesNotChainTwoOthers() {
        // Tom's order carries the family landline; Mary's CRM record too; their e-mail addresses differ
        merge(person("crm", "1", "Mary", "1970-05-06").email("mary@example.com").phone("0201234567"));
        merge(person("shop", "2", "Tom", "2001-02-03").email("tom@example.com").phone("0201234567"));
        merge(fragment("shop", "3", T0).email("tom@example.com").trait("city", "Utrecht"));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(by("phone", "0201234567").profileId()).isEqualTo(by("email", "mary@example.com").profileId());
        assertThat(by("email", "tom@example.com").sources()).hasSize(2);
    }

    @Test
    void anAgreeingNationalIdOverridesAndTheCheckCanBeTurnedOff() {
        merge(person("crm", "1", "Mary", "1970-05-06").email("m@example.com").trait("nationalId", "123456782"));
        merge(person("gov", "2", "Maria", "1907-05-06").email("m@example.com").trait("nationalId", "123456782"));
        assertThat(fx.queries.count()).isEqualTo(1);

        EngineFixture off = new EngineFixture(database, Map.of("rules.shared", "none"));
        off.engine.merge(java.util.List.of(
                person("crm", "1", "Mary", "1970-05-06").email("jansen.family@example.com").build(),
                person("shop", "7", "Tom", "2001-02-03").email("jansen.family@example.com").build()));
        assertThat(off.queries.count()).isEqualTo(1);
    }
}

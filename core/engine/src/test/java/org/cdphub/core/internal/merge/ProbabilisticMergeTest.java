package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.util.List;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileExplanation.Link;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** New profiles that share no identifier with a stored one join it when the matcher scores them as one person. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ProbabilisticMergeTest {

    private final TestDatabase database;
    private final EngineFixture fx;

    ProbabilisticMergeTest(TestDatabase database) {
        this.database = database;
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3", "p4");
    }

    private static EngineFixture.FragmentBuilder ann(String source, String id, int seconds) {
        return fragment(source, id, T0.plusSeconds(seconds)).trait("firstName", "Ann").trait("lastName", "Jansen")
                .trait("birthDate", "1980-04-12").trait("postcode", "1012 AB").trait("city", "Amsterdam")
                .trait("addressLine1", "Damstraat").trait("streetNumber", "5");
    }

    private Profile profileOf(String type, String value) {
        return fx.queries.findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    @Test
    void twoCrmRecordsOfOnePersonWithDifferentEmailAndPhoneMergeByProbability() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .phone("0612345678").build()));
        MergeResult second = fx.engine.merge(List.of(ann("crm-hubspot", "B", 1).id("crmId", "hubspot:9")
                .email("jansen@b.example").phone("0687654321").build()));

        assertThat(second.changedProfileIds()).containsExactly("p1");
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(profileOf("crmId", "hubspot:9").profileId()).isEqualTo("p1");

        ProfileExplanation e = fx.explain.explain(new Identifier("email", "jansen@b.example")).orElseThrow();
        Link link = e.links().stream().filter(l -> l.kind() == Link.Kind.PROBABILISTIC).findFirst().orElseThrow();
        assertThat(link.from()).isEqualTo("crm-salesforce/A");
        assertThat(link.to()).isEqualTo("crm-hubspot/B");
        assertThat(link.score()).isGreaterThanOrEqualTo(10.0);
        assertThat(link.rule()).startsWith("match score");
        assertThat(link.contributions()).containsKeys("firstName", "lastName", "birthDate", "email", "phone");
        assertThat(link.contributions().get("birthDate")).isPositive();
        assertThat(link.contributions().get("email")).isNegative();
    }

    @Test
    void theProbabilisticLinkSurvivesLaterUpdatesOfTheProfile() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        fx.engine.merge(List.of(ann("crm-hubspot", "B", 1).id("crmId", "hubspot:9").email("jansen@b.example")
                .build()));
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 2).id("crmId", "salesforce:1").email("ann@a.example")
                .trait("city", "Amsterdam-Centrum").build(),
                fragment("shop", "S", T0.plusSeconds(3)).email("ann@a.example").build()));

        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(profileOf("crmId", "hubspot:9").profileId()).isEqualTo("p1");
        assertThat(fx.explain.explain(new Identifier("crmId", "hubspot:9")).orElseThrow().links())
                .filteredOn(l -> l.kind() == Link.Kind.PROBABILISTIC).hasSize(1);
    }

    @Test
    void aProfileThatGainsABirthDateAndAnAddressIsScoredAgainAndJoins() {
        fx.engine.merge(List.of(fragment("crm", "A", T0).id("crmId", "crm:1").trait("firstName", "Ann")
                .trait("lastName", "Jansen").build())); // a name only: nothing to match on yet
        fx.engine.merge(List.of(ann("shop", "S", 1).id("customerId", "shop:7").email("jansen@b.example").build()));
        assertThat(fx.queries.count()).isEqualTo(2);

        MergeResult update = fx.engine.merge(List.of(ann("crm", "A", 2).id("crmId", "crm:1").build()));

        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(update.absorbed()).extracting(MergeResult.Absorbed::profileId).containsExactly("p2");
        assertThat(profileOf("email", "jansen@b.example").profileId()).isEqualTo("p1");
        assertThat(fx.explain.explain(new Identifier("crmId", "crm:1")).orElseThrow().links())
                .filteredOn(l -> l.kind() == Link.Kind.PROBABILISTIC).singleElement()
                .satisfies(l -> assertThat(List.of(l.from(), l.to())).containsExactlyInAnyOrder("crm/A", "shop/S"));
    }

    @Test
    void anUpdatedProfileDoesNotJoinAProfileHoldingARecordOfAnotherPerson() {
        fx.engine.merge(List.of(fragment("crm", "A", T0).id("crmId", "crm:1").trait("firstName", "Ann")
                .trait("lastName", "Jansen").build()));
        // the shop account holds Ann's order and one of Peter's (same customer account, no birth date)
        fx.engine.merge(List.of(ann("shop", "S", 1).id("customerId", "shop:7").build(),
                fragment("shop", "S2", T0.plusSeconds(1)).id("customerId", "shop:7").trait("firstName", "Peter")
                        .trait("lastName", "Jansen").build()));

        fx.engine.merge(List.of(ann("crm", "A", 2).id("crmId", "crm:1").build()));

        assertThat(fx.queries.count()).isEqualTo(2);
    }

    @Test
    void twoPeopleSharingSurnameAndPostcodeStayApart() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        fx.engine.merge(List.of(ann("crm-hubspot", "B", 1).id("crmId", "hubspot:9").email("peter@b.example")
                .trait("firstName", "Peter").trait("birthDate", "1952-11-03").build()));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(profileOf("crmId", "hubspot:9").profileId()).isEqualTo("p2");
    }

    @Test
    void aCookieOnlyFragmentNeverMergesByProbability() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        fx.engine.merge(List.of(ann("web", "C", 1).id("cookieId", "c-123").id("deviceId", "d-9").build()));
        assertThat(fx.queries.count()).isEqualTo(2);

        // nor is a cookie-only profile a candidate for a new CRM record
        fx.engine.merge(List.of(ann("crm-hubspot", "B", 2).id("crmId", "hubspot:9").email("jansen@b.example")
                .build()));
        assertThat(profileOf("cookieId", "c-123").profileId()).isEqualTo("p2");
        assertThat(profileOf("crmId", "hubspot:9").profileId()).isEqualTo("p1");
    }

    @Test
    void aFragmentWithOnlyANameIsNotMatched() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        fx.engine.merge(List.of(fragment("crm-hubspot", "B", T0.plusSeconds(1)).id("crmId", "hubspot:9")
                .trait("firstName", "Ann").trait("lastName", "Jansen").trait("city", "Amsterdam").build()));

        assertThat(fx.queries.count()).isEqualTo(2);
    }

    @Test
    void aFragmentWithoutBirthDateButWithTheSameAddressIsMatched() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        fx.engine.merge(List.of(fragment("crm-hubspot", "B", T0.plusSeconds(1)).id("crmId", "hubspot:9")
                .trait("firstName", "Ann").trait("lastName", "Jansen").trait("postcode", "1012 AB")
                .trait("city", "Amsterdam").trait("addressLine1", "Damstraat").trait("streetNumber", "5").build()));

        assertThat(fx.queries.count()).isEqualTo(1);
    }

    @Test
    void twoRecordsOfOnePersonInOneBatchMergeAsIfTheyCameOneByOne() {
        MergeResult result = fx.engine.merge(List.of(
                ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example").build(),
                fragment("shop", "X", T0.plusSeconds(1)).email("piet@example.com").trait("firstName", "Piet")
                        .trait("lastName", "Bakker").trait("birthDate", "1975-01-02").build(),
                ann("crm-hubspot", "B", 2).id("crmId", "hubspot:9").email("jansen@b.example")
                        .trait("firstName", "Anne").build()));

        assertThat(result.changedProfileIds()).hasSize(2);
        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(profileOf("crmId", "hubspot:9").profileId()).isEqualTo(profileOf("crmId", "salesforce:1")
                .profileId());
        Link link = fx.explain.explain(new Identifier("crmId", "hubspot:9")).orElseThrow().links().stream()
                .filter(l -> l.kind() == Link.Kind.PROBABILISTIC).findFirst().orElseThrow();
        assertThat(link.from()).isEqualTo("crm-salesforce/A");
        assertThat(link.to()).isEqualTo("crm-hubspot/B");

        // the link is stored: a later update of one of them keeps the two together
        fx.engine.merge(List.of(ann("crm-hubspot", "B", 5).id("crmId", "hubspot:9").email("jansen@b.example")
                .trait("city", "Haarlem").build()));
        assertThat(fx.queries.count()).isEqualTo(2);
    }

    @Test
    void aRecordMatchingBothAStoredProfileAndAnEarlierRecordOfItsBatchJoinsAllThree() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").build()));
        fx.engine.merge(List.of(
                ann("crm-hubspot", "B", 1).id("crmId", "hubspot:9").trait("addressLine1", null).build(),
                ann("shop", "C", 2).id("customerId", "shop:7").build()));

        assertThat(fx.queries.count()).isEqualTo(1);
    }

    @Test
    void disabledByConfigurationNothingMergesByProbability() {
        EngineFixture off = new EngineFixture(database, ProbabilisticMatching.disabled());
        off.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        off.engine.merge(List.of(ann("crm-hubspot", "B", 1).id("crmId", "hubspot:9").email("jansen@b.example")
                .build()));

        assertThat(off.queries.count()).isEqualTo(2);
    }

    @Test
    void aMatchThatWouldPutTwoCrmIdsOfOneCrmInOneProfileIsNotMade() {
        fx.engine.merge(List.of(ann("crm-salesforce", "A", 0).id("crmId", "salesforce:1").email("ann@a.example")
                .build()));
        MergeResult second = fx.engine.merge(List.of(ann("crm-salesforce", "B", 1).id("crmId", "salesforce:2")
                .email("jansen@b.example").build()));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(second.changedProfileIds()).containsExactly("p2");
        assertThat(profileOf("crmId", "salesforce:1").identifiers()).extracting(Identifier::key)
                .doesNotContain("crmId:salesforce:2");
    }
}

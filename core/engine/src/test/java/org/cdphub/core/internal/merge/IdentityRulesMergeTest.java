package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.api.service.UnlinkedIdentifier.Kind;
import org.cdphub.core.internal.store.TestStore;
import org.cdphub.core.internal.store.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Blocked placeholder values, per-type limits and the priority order, through the engine and the store. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class IdentityRulesMergeTest {

    private final TestDatabase database;
    private final EngineFixture fx;

    IdentityRulesMergeTest(TestDatabase database) {
        this.database = database;
        this.fx = new EngineFixture(database);
    }

    private Profile by(String type, String value) {
        return fx.queries.findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    private MergeResult merge(EngineFixture.FragmentBuilder... fragments) {
        return fx.engine.merge(java.util.Arrays.stream(fragments).map(EngineFixture.FragmentBuilder::build).toList());
    }

    @Test
    void chainAcrossBatchesJoinsByEmailThenPhone() {
        fx.nextIds("p-a", "p-c");
        merge(fragment("crm", "A", T0).email("ann@example.com"));
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("app", "C", T0).phone("0612345678"));
        assertThat(fx.queries.count()).isEqualTo(2);

        MergeResult joined = merge(fragment("shop", "B", T0).email("ann@example.com").phone("+31 6 12345678"));

        assertThat(joined.changedProfileIds()).containsExactly("p-a");
        assertThat(joined.absorbed()).extracting(MergeResult.Absorbed::profileId).containsExactly("p-c");
        assertThat(joined.unlinked()).isEmpty();
        assertThat(by("phone", "0612345678").profileId()).isEqualTo("p-a");
        assertThat(fx.queries.findById("p-c").orElseThrow().sources()).extracting(s -> s.sourceRecordId())
                .containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void placeholderEmailsAndPhonesDoNotMergeStrangers() {
        MergeResult result = merge(
                fragment("shop", "1", T0).email("test@test.com").phone("0000000000").trait("firstName", "Ann"),
                fragment("shop", "2", T0).email("TEST@test.com ").phone("00 00 00 00 00").trait("firstName", "Bob"),
                fragment("pos", "3", T0).email("noreply@shop.nl").phone("-1").trait("firstName", "Cas"),
                fragment("pos", "4", T0).email("null").phone("+31 6 66666666").trait("firstName", "Dirk"));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.changedProfileIds()).hasSize(4).doesNotHaveDuplicates();
        assertThat(fx.queries.count()).isEqualTo(4);
        assertThat(result.unlinked()).extracting(UnlinkedIdentifier::fragmentKey, u -> u.identifier().key(),
                UnlinkedIdentifier::kind).containsExactly(
                        tuple("shop/1", "email:test@test.com", Kind.BLOCKED),
                        tuple("shop/1", "phone:0000000000", Kind.BLOCKED),
                        tuple("shop/2", "email:test@test.com", Kind.BLOCKED),
                        tuple("shop/2", "phone:00 00 00 00 00", Kind.BLOCKED),
                        tuple("pos/3", "email:noreply@shop.nl", Kind.BLOCKED),
                        tuple("pos/3", "phone:-1", Kind.BLOCKED),
                        tuple("pos/4", "email:null", Kind.BLOCKED),
                        tuple("pos/4", "phone:+31666666666", Kind.BLOCKED));
        assertThat(result.unlinked().get(0).reason())
                .isEqualTo("placeholder value (matches 'test@test.com' of rules.blocked.email)");
        // never an owner, never in a profile, but still recorded in the stored fragment
        assertThat(TestStore.count(fx.dataSource, "cdp_identifier")).isZero();
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "test@test.com"))).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select body from cdp_fragment where source_record_id = '1'")
                .get(0).get(0)).contains("\"value\":\"test@test.com\"").contains("\"value\":\"0000000000\"");
    }

    @Test
    void theRestOfAFragmentWithAPlaceholderStillMerges() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").phone("0612345678").build()));
        MergeResult result = merge(fragment("shop", "9", T0).email("unknown").phone("+31612345678")
                .id("customerId", "shop:-1").id("customerId", "shop:9"));

        assertThat(result.unlinked()).extracting(u -> u.identifier().key())
                .containsExactly("email:unknown", "customerId:shop:-1");
        Profile ann = by("email", "ann@example.com");
        assertThat(ann.sources()).hasSize(2);
        assertThat(ann.identifiers()).extracting(Identifier::key).containsExactly("customerId:shop:9",
                "email:ann@example.com", "phone:+31612345678");
    }

    @Test
    void twoCrmIdsOfOneCrmNeverMergeTheSharedEmailIsDropped() {
        fx.nextIds("p1", "p2");
        merge(fragment("crm", "1", T0).id("crmId", "salesforce:1").email("family@example.com"));
        MergeResult second = merge(fragment("crm", "2", T0).id("crmId", "salesforce:2").email("family@example.com"));

        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(second.changedProfileIds()).containsExactly("p2");
        assertThat(second.absorbed()).isEmpty();
        assertThat(second.unlinked()).singleElement().satisfies(u -> {
            assertThat(u.fragmentKey()).isEqualTo("crm/2");
            assertThat(u.identifier()).isEqualTo(new Identifier("email", "family@example.com"));
            assertThat(u.kind()).isEqualTo(Kind.DROPPED);
            assertThat(u.reason()).isEqualTo("linking it would put 2 crmId of system 'salesforce' in one profile"
                    + " (salesforce:1, salesforce:2); the limit is 1 per system");
        });
        assertThat(by("email", "family@example.com").profileId()).isEqualTo("p1");
        assertThat(by("crmId", "salesforce:2").identifiers()).extracting(Identifier::key)
                .containsExactly("crmId:salesforce:2");
        assertThat(TestStore.rows(fx.dataSource, "select source_record_id, id_key from cdp_dropped_identifier"))
                .containsExactly(List.of("2", "email:family@example.com"));
    }

    @Test
    void twoCrmIdsOfOneCrmInOneBatchStayApartToo() {
        MergeResult result = merge(
                fragment("crm", "1", T0).id("crmId", "salesforce:1").email("family@example.com"),
                fragment("crm", "2", T0).id("crmId", "salesforce:2").email("family@example.com"),
                fragment("web", "9", T0).email("family@example.com").id("cookieId", "c-9"));

        assertThat(result.changedProfileIds()).hasSize(2);
        assertThat(result.unlinked()).extracting(UnlinkedIdentifier::fragmentKey, u -> u.identifier().key())
                .containsExactly(tuple("crm/2", "email:family@example.com"));
        assertThat(by("cookieId", "c-9").profileId()).isEqualTo(by("crmId", "salesforce:1").profileId());
    }

    @Test
    void aBridgeBetweenTwoCrmRecordsDropsItsWeakestIdentifier() {
        fx.nextIds("p1", "p2");
        merge(fragment("crm", "1", T0).id("crmId", "salesforce:1").email("ann@example.com"));
        merge(fragment("crm", "2", T0).id("crmId", "salesforce:2").phone("0612345678"));

        MergeResult bridge = merge(fragment("shop", "7", T0).email("ann@example.com").phone("0612345678")
                .id("cookieId", "c-7"));

        assertThat(bridge.absorbed()).isEmpty();
        assertThat(bridge.changedProfileIds()).containsExactly("p1");
        assertThat(bridge.unlinked()).extracting(u -> u.identifier().key(), UnlinkedIdentifier::kind)
                .containsExactly(tuple("phone:+31612345678", Kind.DROPPED));
        assertThat(by("cookieId", "c-7").profileId()).isEqualTo("p1");
        assertThat(by("phone", "0612345678").profileId()).isEqualTo("p2");
    }

    @Test
    void crmIdsOfDifferentSystemsMerge() {
        merge(fragment("crm", "1", T0).id("crmId", "salesforce:1").email("ann@example.com"));
        MergeResult result = merge(fragment("hub", "1", T0).id("crmId", "hubspot:77").email("ann@example.com"));

        assertThat(result.unlinked()).isEmpty();
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(by("crmId", "hubspot:77").identifiers()).extracting(Identifier::key)
                .contains("crmId:hubspot:77", "crmId:salesforce:1");
    }

    @Test
    void aLimitDropsTheWeakerIdentifierAndThePriorityDecidesWhichOne() {
        Map<String, String> onePhone = Map.of("rules.limit.phone", "1");
        EngineFixture byDefault = new EngineFixture(database, onePhone);
        byDefault.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").phone("0611111112").build()));
        MergeResult second = byDefault.engine.merge(List.of(
                fragment("shop", "2", T0).email("ann@example.com").phone("0622222223").build()));
        assertThat(second.unlinked()).extracting(u -> u.identifier().key())
                .containsExactly("phone:+31622222223");
        assertThat(byDefault.queries.count()).isEqualTo(1);

        EngineFixture phoneFirst = new EngineFixture(database, Map.of("rules.limit.phone", "1", "rules.priority",
                "phone, email"));
        phoneFirst.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").phone("0611111112").build()));
        MergeResult reversed = phoneFirst.engine.merge(List.of(
                fragment("shop", "2", T0).email("ann@example.com").phone("0622222223").build()));
        assertThat(reversed.unlinked()).extracting(u -> u.identifier().key())
                .containsExactly("email:ann@example.com");
        assertThat(phoneFirst.queries.count()).isEqualTo(2);
    }

    @Test
    void aFragmentCarryingMoreThanTheLimitKeepsTheFirstInOrder() {
        MergeResult result = merge(fragment("crm", "1", T0).id("crmId", "salesforce:2").id("crmId", "salesforce:1")
                .id("crmId", "hubspot:1"));
        assertThat(result.unlinked()).extracting(u -> u.identifier().key()).containsExactly("crmId:salesforce:2");
        assertThat(by("crmId", "salesforce:1").identifiers()).extracting(Identifier::key)
                .containsExactly("crmId:hubspot:1", "crmId:salesforce:1");
    }

    @Test
    void redeliveryOfAFragmentWithPlaceholdersAndDropsChangesNothing() {
        merge(fragment("crm", "1", T0).id("crmId", "salesforce:1").email("family@example.com"));
        EngineFixture.FragmentBuilder second = fragment("crm", "2", T0).id("crmId", "salesforce:2")
                .email("family@example.com").phone("0000000000");
        merge(second);
        List<List<String>> before = TestStore.rows(fx.dataSource,
                "select profile_id, doc from cdp_profile order by 1");
        fx.clock.advance(Duration.ofHours(1));

        MergeResult again = merge(second);

        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.changedProfileIds()).isEmpty();
        assertThat(again.unlinked()).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select profile_id, doc from cdp_profile order by 1"))
                .isEqualTo(before);
        assertThat(TestStore.count(fx.dataSource, "cdp_dropped_identifier")).isEqualTo(1);
    }

    @Test
    void aNewVersionDecidesItsIdentifiersAgain() {
        fx.nextIds("p1", "p2");
        merge(fragment("crm", "1", T0).id("crmId", "salesforce:1").email("family@example.com"));
        merge(fragment("crm", "2", T0).id("crmId", "salesforce:2").email("family@example.com"));
        // salesforce:1 gets another address: the shared one is free now, the next version of crm/2 links it
        merge(fragment("crm", "1", T0.plusSeconds(1)).id("crmId", "salesforce:1").email("ann@example.com"));
        MergeResult next = merge(fragment("crm", "2", T0.plusSeconds(1)).id("crmId", "salesforce:2")
                .email("family@example.com"));

        assertThat(next.unlinked()).isEmpty();
        assertThat(by("email", "family@example.com").profileId()).isEqualTo("p2");
        assertThat(TestStore.count(fx.dataSource, "cdp_dropped_identifier")).isZero();
    }
}

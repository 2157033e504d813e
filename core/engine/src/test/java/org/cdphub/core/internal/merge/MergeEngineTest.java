package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MergeEngineTest {

    private final EngineFixture fx;
    private final TestDatabase database;

    MergeEngineTest(TestDatabase database) {
        this.database = database;
        fx = new EngineFixture(database);
    }

    private Profile byEmail(String email) {
        return fx.queries.findByIdentifier(new Identifier("email", email)).orElseThrow();
    }

    @Test
    void newFragmentCreatesAProfileFindableByEveryIdentifier() {
        MergeResult result = fx.engine.merge(List.of(fragment("crm", "1", T0).email(" Ann@Example.com ")
                .phone("06 12345678").trait("firstName", "Ann").build()));

        assertThat(result.changedProfileIds()).hasSize(1);
        assertThat(result.absorbed()).isEmpty();
        assertThat(result.unchanged()).isZero();
        String id = result.changedProfileIds().get(0);
        Profile profile = fx.queries.findByIdentifier(new Identifier("phone", "+31 6 12345678")).orElseThrow();
        assertThat(profile.profileId()).isEqualTo(id);
        assertThat(profile.identifiers()).containsExactly(new Identifier("email", "ann@example.com"),
                new Identifier("phone", "+31612345678"));
        assertThat(profile.createdAt()).isEqualTo(T0).isEqualTo(profile.updatedAt());
        assertThat(profile.sources()).containsExactly(new SourceRef("crm", "1", T0));
        assertThat(fx.queries.findById(id)).contains(profile);
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "nobody@example.com"))).isEmpty();
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "not an email"))).isEmpty();
    }

    @Test
    void chainAcrossBatchesMergesIntoTheOldestProfileAndLeavesAnAlias() {
        String a = fx.engine.merge(List.of(fragment("crm", "A", T0).email("ann@example.com").build()))
                .changedProfileIds().get(0);
        fx.clock.advance(Duration.ofMinutes(1));
        String c = fx.engine.merge(List.of(fragment("web", "C", T0).phone("0612345678").build()))
                .changedProfileIds().get(0);
        assertThat(fx.queries.count()).isEqualTo(2);

        Instant mergedAt = fx.clock.advance(Duration.ofMinutes(1));
        MergeResult result = fx.engine.merge(List.of(
                fragment("shop", "B", T0).email("ANN@example.com").phone("+31612345678").build()));

        assertThat(result.changedProfileIds()).containsExactly(a);
        assertThat(result.absorbed()).containsExactly(new MergeResult.Absorbed(c, a, List.of()));
        assertThat(fx.queries.count()).isEqualTo(1);
        Profile merged = fx.queries.findById(c).orElseThrow();
        assertThat(merged.profileId()).isEqualTo(a);
        assertThat(merged.aliases()).containsExactly(c);
        assertThat(merged.createdAt()).isEqualTo(T0);
        assertThat(merged.updatedAt()).isEqualTo(mergedAt);
        assertThat(merged.sources()).extracting(SourceRef::source).containsExactly("crm", "shop", "web");
        assertThat(fx.queries.findByIdentifier(new Identifier("phone", "0612345678")).orElseThrow().profileId())
                .isEqualTo(a);
        assertThat(TestStore.rows(fx.dataSource, "select distinct profile_id from cdp_fragment"))
                .containsExactly(List.of(a));
        assertThat(TestStore.rows(fx.dataSource, "select distinct profile_id from cdp_identifier"))
                .containsExactly(List.of(a));
    }

    @Test
    void aliasesAreRepointedWhenTheirSurvivorIsAbsorbedLater() {
        fx.nextIds("p1", "p2", "p3");
        fx.engine.merge(List.of(fragment("s", "1", T0).email("one@example.com").build()));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.engine.merge(List.of(fragment("s", "2", T0).email("two@example.com").build()));
        fx.clock.advance(Duration.ofMinutes(1));
        fx.engine.merge(List.of(fragment("s", "3", T0).email("three@example.com").build()));

        fx.engine.merge(List.of(fragment("s", "23", T0).email("two@example.com").email("three@example.com").build()));
        assertThat(fx.queries.findById("p3").orElseThrow().profileId()).isEqualTo("p2");

        MergeResult last = fx.engine.merge(
                List.of(fragment("s", "12", T0).email("one@example.com").email("two@example.com").build()));
        assertThat(last.absorbed()).containsExactly(new MergeResult.Absorbed("p2", "p1", List.of()));
        assertThat(fx.queries.findById("p3").orElseThrow().profileId()).isEqualTo("p1");
        assertThat(fx.queries.findById("p1").orElseThrow().aliases()).containsExactly("p2", "p3");
        assertThat(TestStore.rows(fx.dataSource, "select alias_id, profile_id from cdp_profile_alias order by 1"))
                .containsExactly(List.of("p2", "p1"), List.of("p3", "p1"));
    }

    @Test
    void equalCreationTimesAreDecidedByTheSmallestId() {
        fx.nextIds("zz-second", "aa-first");
        MergeResult created = fx.engine.merge(List.of(fragment("s", "1", T0).email("one@example.com").build(),
                fragment("s", "2", T0).email("two@example.com").build()));
        assertThat(created.changedProfileIds()).containsExactly("zz-second", "aa-first");

        fx.clock.advance(Duration.ofMinutes(1));
        MergeResult merged = fx.engine.merge(List.of(
                fragment("s", "3", T0).email("one@example.com").email("two@example.com").build()));
        assertThat(merged.changedProfileIds()).containsExactly("aa-first");
        assertThat(merged.absorbed()).extracting(MergeResult.Absorbed::profileId).containsExactly("zz-second");
    }

    @Test
    void chainInsideOneBatchBecomesOneProfile() {
        MergeResult result = fx.engine.merge(List.of(
                fragment("crm", "A", T0).email("ann@example.com").build(),
                fragment("web", "D", T0).id("cookieId", "c-1").build(),
                fragment("shop", "B", T0).email("ann@example.com").phone("0612345678").build(),
                fragment("app", "C", T0).phone("+31612345678").id("cookieId", "c-1").build(),
                fragment("crm", "X", T0).email("someone.else@example.com").build()));

        assertThat(result.changedProfileIds()).hasSize(2);
        assertThat(result.absorbed()).isEmpty();
        assertThat(fx.queries.count()).isEqualTo(2);
        Profile ann = byEmail("ann@example.com");
        assertThat(ann.sources()).extracting(SourceRef::sourceRecordId).containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThat(ann.identifiers()).extracting(Identifier::key)
                .containsExactly("cookieId:c-1", "email:ann@example.com", "phone:+31612345678");
        assertThat(byEmail("someone.else@example.com").profileId()).isNotEqualTo(ann.profileId());
    }

    @Test
    void largeBatchIsChunkedAndRedeliveryChangesNothing() {
        EngineFixture fx = new EngineFixture(Map.of("rules.limit.cookieId", "unlimited")); // the default is 50
        List<Fragment> chain = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            chain.add(fragment("web", "r" + i, T0).id("cookieId", "c" + i).id("cookieId", "c" + (i + 1)).build());
        }
        MergeResult first = fx.engine.merge(chain);
        assertThat(first.changedProfileIds()).hasSize(1);
        assertThat(fx.queries.count()).isEqualTo(1);
        assertThat(TestStore.count(fx.dataSource, "cdp_identifier")).isEqualTo(1201);
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment")).isEqualTo(1200);

        fx.clock.advance(Duration.ofHours(1));
        MergeResult again = fx.engine.merge(chain);
        assertThat(again.unchanged()).isEqualTo(1200);
        assertThat(again.changedProfileIds()).isEmpty();
    }

    @Test
    void redeliveryIsUnchangedAndKeepsUpdatedAt() {
        List<Fragment> batch = List.of(
                fragment("crm", "1", T0).email("ann@example.com").trait("firstName", "Ann").build(),
                fragment("crm", "2", T0).email("bob@example.com").build());
        fx.engine.merge(batch);
        Profile before = byEmail("ann@example.com");

        fx.clock.advance(Duration.ofHours(1));
        MergeResult again = fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("  ANN@example.com").trait("firstName", "Ann").build(),
                fragment("crm", "2", T0).email("bob@example.com").build()));

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.changedProfileIds()).isEmpty();
        assertThat(byEmail("ann@example.com")).isEqualTo(before);
        assertThat(byEmail("ann@example.com").updatedAt()).isEqualTo(T0);
    }

    @Test
    void olderVersionOfAStoredFragmentIsUnchanged() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").trait("city", "Utrecht").build()));
        fx.clock.advance(Duration.ofHours(1));

        MergeResult stale = fx.engine.merge(List.of(fragment("crm", "1", T0.minusSeconds(60)).email("ann@example.com")
                .trait("city", "Delft").build()));

        assertThat(stale.unchanged()).isEqualTo(1);
        assertThat(byEmail("ann@example.com").trait("city")).contains("Utrecht");
    }

    @Test
    void withinABatchTheLatestVersionOfARecordWins() {
        MergeResult result = fx.engine.merge(List.of(
                fragment("crm", "1", T0.plusSeconds(10)).email("ann@example.com").trait("city", "Leiden").build(),
                fragment("crm", "1", T0).email("ann@example.com").trait("city", "Delft").build(),
                fragment("crm", "1", T0.plusSeconds(5)).email("ann@example.com").trait("city", "Gouda").build()));

        assertThat(result.unchanged()).isEqualTo(2);
        assertThat(result.changedProfileIds()).hasSize(1);
        assertThat(byEmail("ann@example.com").trait("city")).contains("Leiden");
        assertThat(TestStore.count(fx.dataSource, "cdp_fragment")).isEqualTo(1);
    }

    @Test
    void updatedFragmentThatDropsAnIdentifierReleasesIt() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").phone("0612345678").build()));
        String id = byEmail("ann@example.com").profileId();

        fx.clock.advance(Duration.ofMinutes(5));
        MergeResult update = fx.engine.merge(List.of(
                fragment("crm", "1", T0.plusSeconds(60)).email("ann@example.com").build()));

        assertThat(update.changedProfileIds()).containsExactly(id);
        assertThat(byEmail("ann@example.com").identifiers()).containsExactly(new Identifier("email", "ann@example.com"));
        assertThat(fx.queries.findByIdentifier(new Identifier("phone", "0612345678"))).isEmpty();
        assertThat(byEmail("ann@example.com").sources()).containsExactly(new SourceRef("crm", "1", T0.plusSeconds(60)));

        String other = fx.engine.merge(List.of(fragment("web", "9", T0).phone("0612345678").build()))
                .changedProfileIds().get(0);
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void updatedFragmentWithANewIdentifierStaysInItsProfile() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build()));
        String id = byEmail("ann@example.com").profileId();

        fx.engine.merge(List.of(fragment("crm", "1", T0.plusSeconds(1)).email("ann.new@example.com").build()));

        assertThat(byEmail("ann.new@example.com").profileId()).isEqualTo(id);
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "ann@example.com"))).isEmpty();
        assertThat(fx.queries.count()).isEqualTo(1);
    }

    @Test
    void mostRecentlyObservedTraitWinsWithProvenance() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        fx.engine.merge(List.of(fragment("crm", "c1", t1).email("ann@example.com").trait("firstName", "Ann")
                .trait("country", "NL").build()));
        fx.engine.merge(List.of(fragment("shop", "s9", t2).email("ann@example.com").trait("firstName", "Anne")
                .trait("country", null).build()));
        fx.engine.merge(List.of(fragment("web", "w3", T0).email("ann@example.com").trait("firstName", "Annie").build()));

        Profile profile = byEmail("ann@example.com");
        assertThat(profile.traits().get("firstName")).isEqualTo(new TraitValue("Anne", "shop", "s9", t2));
        assertThat(profile.traits().get("country")).isEqualTo(new TraitValue("NL", "crm", "c1", t1));
        assertThat(profile.traits()).containsOnlyKeys("firstName", "country");
    }

    @Test
    void equalObservationTimesAreDecidedBySourceName() {
        fx.engine.merge(List.of(
                fragment("zeta", "1", T0).email("ann@example.com").trait("lastName", "Zed").build(),
                fragment("alpha", "1", T0).email("ann@example.com").trait("lastName", "Alpha").build()));

        assertThat(byEmail("ann@example.com").traits().get("lastName").source()).isEqualTo("alpha");
        assertThat(byEmail("ann@example.com").trait("lastName")).contains("Alpha");
    }

    @Test
    void latestConsentPerPurposeAndChannelWins() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        Instant t3 = T0.plusSeconds(180);
        fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("ann@example.com")
                        .consent(new Consent("marketing", "email", ConsentStatus.GRANTED, t2, "crm"))
                        .consent(new Consent("marketing", "sms", ConsentStatus.GRANTED, t1, null)).build(),
                fragment("shop", "1", t3).email("ann@example.com")
                        .consent(new Consent("marketing", "email", ConsentStatus.DENIED, t1, "shop")).build()));

        Profile profile = byEmail("ann@example.com");
        assertThat(profile.consent("marketing", "email")).contains(
                new Consent("marketing", "email", ConsentStatus.GRANTED, t2, "crm"));
        assertThat(profile.consent("marketing", "sms")).contains(
                new Consent("marketing", "sms", ConsentStatus.GRANTED, t1, "crm"));

        fx.engine.merge(List.of(fragment("app", "1", t3).email("ann@example.com")
                .consent(new Consent("marketing", "email", ConsentStatus.DENIED, null, null)).build()));
        assertThat(byEmail("ann@example.com").consent("marketing", "email")).contains(
                new Consent("marketing", "email", ConsentStatus.DENIED, t3, "app"));
        assertThat(byEmail("ann@example.com").consents()).hasSize(2);
    }

    @Test
    void eventsAreDeduplicatedBySourceEventIdAndSortedByTime() {
        Instant t1 = T0.minusSeconds(3600);
        Event order = new Event("order", T0, "shop", "o-1", Map.of("total", 42));
        fx.engine.merge(List.of(
                fragment("shop", "1", T0).email("ann@example.com").event(order).build(),
                fragment("shop-export", "1", T0).email("ann@example.com").event(order)
                        .event(new Event("pageView", t1, null, "pv-7", Map.of())).build()));

        List<Event> events = byEmail("ann@example.com").events();
        assertThat(events).extracting(Event::sourceEventId).containsExactly("pv-7", "o-1");
        assertThat(events.get(0).source()).isEqualTo("shop-export");
        assertThat(events.get(1).properties()).containsEntry("total", 42);
    }

    /**
     * Bulk calls (profiles built on several cores, {@link ProfileRecompute#PARALLEL_FROM}): one creating 600 profiles,
     * one adding a second record to each of them, store what the same records merged in calls of 50 store: each
     * profile with its own identifiers, traits and blocking keys.
     */
    @Test
    void bulkCallsStoreWhatSmallCallsStore() {
        List<Fragment> crm = new ArrayList<>();
        List<Fragment> shop = new ArrayList<>();
        for (int person = 0; person < 600; person++) {
            String email = "person" + person + "@example.com";
            crm.add(fragment("crm", "r" + person, T0).email(email)
                    .trait("lastName", "Q" + Integer.toHexString(person * 0x9E3779B1)).build());
            shop.add(fragment("shop", "r" + person, T0.plusSeconds(1)).email(email).phone("06" + (10_000_000 + person))
                    .trait("firstName", "F" + Integer.toHexString(person * 0x85EBCA6B))
                    .trait("postcode", String.format("%04d XY", 1000 + person)).build());
        }
        // without probabilistic links, which depend on what each call sees; the blocking keys are stored all the same
        EngineFixture bulk = new EngineFixture(database, ProbabilisticMatching.disabled());
        EngineFixture small = new EngineFixture(database, ProbabilisticMatching.disabled());
        assertThat(bulk.engine.merge(crm).changedProfileIds()).hasSize(600); // new profiles
        assertThat(bulk.engine.merge(shop).changedProfileIds()).hasSize(600) // every one of them updated
                .hasSizeGreaterThanOrEqualTo(ProfileRecompute.PARALLEL_FROM);
        for (List<Fragment> records : List.of(crm, shop)) {
            for (int from = 0; from < records.size(); from += 50) {
                small.engine.merge(records.subList(from, from + 50));
            }
        }
        assertThat(stored(bulk)).hasSize(600).isEqualTo(stored(small));
        assertThat(stored(bulk).get("person7@example.com")).contains("+31610000007", "firstName=F", "lastName=Q");
        for (String table : List.of("cdp_identifier", "cdp_block_key", "cdp_fragment")) {
            assertThat(TestStore.count(bulk.dataSource, table)).as(table)
                    .isEqualTo(TestStore.count(small.dataSource, table)).isPositive();
        }
    }

    /** Each stored profile's identifiers and trait values, by its e-mail address (ids and times set aside). */
    private static Map<String, String> stored(EngineFixture fixture) {
        Map<String, String> byEmail = new TreeMap<>();
        for (List<String> row : TestStore.rows(fixture.dataSource, "select doc from cdp_profile")) {
            Profile p = CdpJson.read(row.get(0), Profile.class);
            Map<String, Object> traits = new TreeMap<>();
            p.traits().forEach((k, v) -> traits.put(k, v == null ? null : v.value()));
            byEmail.put(p.identifiers().get(0).value(), p.identifiers() + " " + traits);
        }
        return byEmail;
    }
}

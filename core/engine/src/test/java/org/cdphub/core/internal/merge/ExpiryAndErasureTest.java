package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.util.List;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.cdphub.core.internal.store.TombstoneTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Third-party data expires on schedule; erasures of several records of a source happen in one transaction. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ExpiryAndErasureTest {

    private final EngineFixture fx;

    ExpiryAndErasureTest(TestDatabase database) {
        this.fx = new EngineFixture(database).nextIds("p1", "p2", "p3");
    }

    private Profile by(String type, String value) {
        return fx.queries.findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    /** A person (tracking: anonymous id + email), a DMP cookie sync (cookie + anonymous id), DMP audiences. */
    private void personWithDmpData() {
        fx.engine.merge(List.of(
                fragment("web", "e1", T0).id("anonymousId", "web:a1").email("ann@example.com").build(),
                fragment("dmp", "sync/c9/a1", T0).id("cookieId", "dmp:c9").id("anonymousId", "web:a1")
                        .expiresAt(T0.plus(Duration.ofDays(90))).build(),
                fragment("dmp", "audience/cookie/c9", T0).id("cookieId", "dmp:c9")
                        .trait("dmpAudiences", List.of("sports", "travel"))
                        .expiresAt(T0.plus(Duration.ofDays(30))).build(),
                fragment("dmp", "audience/cookie/c10", T0).id("cookieId", "dmp:c10")
                        .trait("dmpAudiences", List.of("cars")).build()));
    }

    @Test
    void expiredFragmentsGoAndTheirLinksWithThem() {
        personWithDmpData();
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).contains(List.of("sports", "travel"));

        fx.clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(fx.engine.expire(100).changedProfileIds()).isEmpty();

        fx.clock.advance(Duration.ofSeconds(1)); // the audiences expire exactly now
        MergeResult first = fx.engine.expire(100);
        assertThat(first.changedProfileIds()).containsExactly("p1");
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).isEmpty();
        assertThat(by("cookieId", "dmp:c9").profileId()).isEqualTo("p1"); // the sync still links the cookie

        fx.clock.advance(Duration.ofDays(60));
        fx.engine.expire(100);
        Profile ann = by("email", "ann@example.com");
        assertThat(ann.identifiers()).extracting(Identifier::key)
                .containsExactly("anonymousId:web:a1", "email:ann@example.com");
        assertThat(fx.queries.findByIdentifier(new Identifier("cookieId", "dmp:c9"))).isEmpty();
        // the fragment without an expiry stays
        assertThat(by("cookieId", "dmp:c10").trait("dmpAudiences")).contains(List.of("cars"));
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"))
                .containsExactly(List.of("2"));
    }

    @Test
    void anExpiredFragmentRedeliveredLaterChangesNothingButANewerOneIsTaken() {
        personWithDmpData();
        fx.clock.advance(Duration.ofDays(31));
        fx.engine.expire(100);
        Fragment same = fragment("dmp", "audience/cookie/c9", T0).id("cookieId", "dmp:c9")
                .trait("dmpAudiences", List.of("sports", "travel")).expiresAt(T0.plus(Duration.ofDays(30))).build();
        assertThat(fx.engine.merge(List.of(same)).changedProfileIds()).isEmpty();

        Fragment fresh = fragment("dmp", "audience/cookie/c9", T0.plus(Duration.ofDays(31)))
                .id("cookieId", "dmp:c9").trait("dmpAudiences", List.of("golf"))
                .expiresAt(T0.plus(Duration.ofDays(121))).build();
        assertThat(fx.engine.merge(List.of(fresh)).changedProfileIds()).containsExactly("p1");
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).contains(List.of("golf"));
    }

    /** A cookie's audiences, observed {@code days} from T0, expiring {@code ttlDays} after that. */
    private static Fragment audience(String cookie, long days, long ttlDays, String segment) {
        return fragment("dmp", "audience/cookie/" + cookie, T0.plus(Duration.ofDays(days)))
                .id("cookieId", "dmp:" + cookie).trait("dmpAudiences", List.of(segment))
                .expiresAt(T0.plus(Duration.ofDays(days + ttlDays))).build();
    }

    private List<List<String>> tombstones() {
        return TestStore.rows(fx.dataSource, "select source_record_id, observed_at, forget_at"
                + " from cdp_fragment_tombstone order by source_record_id");
    }

    @Test
    void aFragmentThatExpiredOnItsWayIsNotStoredAndKeepsOutTheVersionsBeforeIt() {
        fx.clock.advance(Duration.ofDays(60));
        MergeResult late = fx.engine.merge(List.of(audience("c7", 10, 30, "sports"))); // expired on day 40
        assertThat(late.changedProfileIds()).isEmpty();
        assertThat(late.unchanged()).isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("cookieId", "dmp:c7"))).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment")).containsExactly(List.of("0"));
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"
                + " where forget_at is not null")).containsExactly(List.of("1"));

        // an older version that would live longer stays out; a newer one that has not expired is taken
        assertThat(fx.engine.merge(List.of(audience("c7", 5, 90, "golf"))).unchanged()).isEqualTo(1);
        assertThat(fx.queries.findByIdentifier(new Identifier("cookieId", "dmp:c7"))).isEmpty();
        assertThat(fx.engine.merge(List.of(audience("c7", 50, 30, "cars"))).changedProfileIds()).containsExactly("p1");
        assertThat(by("cookieId", "dmp:c7").trait("dmpAudiences")).contains(List.of("cars"));
        assertThat(tombstones()).as("the record is back: its expiry's tombstone goes").isEmpty();
    }

    @Test
    void aNewerVersionThatExpiredOnItsWayRemovesTheStoredOneAsTheSweepWould() {
        personWithDmpData();
        fx.clock.advance(Duration.ofDays(20));
        // observed on day 5 with ten days to live: the source's latest word on the audiences, already past
        MergeResult result = fx.engine.merge(List.of(audience("c9", 5, 10, "golf")));
        assertThat(result.changedProfileIds()).containsExactly("p1");
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment"
                + " where source_record_id = 'audience/cookie/c9'")).containsExactly(List.of("0"));
        assertThat(by("cookieId", "dmp:c9").profileId()).as("the sync still links the cookie").isEqualTo("p1");
        // the version stored before stays out, as it would after the sweep
        assertThat(fx.engine.merge(List.of(fragment("dmp", "audience/cookie/c9", T0).id("cookieId", "dmp:c9")
                .trait("dmpAudiences", List.of("sports", "travel")).expiresAt(T0.plus(Duration.ofDays(30))).build()))
                .changedProfileIds()).isEmpty();
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).isEmpty();
    }

    @Test
    void aBatchWithAVersionThatExpiredOnItsWayAndALiveOneMergesTheLiveOneWithoutTheExpiredData() {
        personWithDmpData();
        fx.clock.advance(Duration.ofDays(20));
        MergeResult result = fx.engine.merge(List.of(audience("c9", 5, 10, "golf"), audience("c10", 19, 30, "boats"),
                fragment("web", "e2", T0.plus(Duration.ofDays(19))).id("cookieId", "dmp:c9")
                        .email("bob@example.com").build()));
        assertThat(result.changedProfileIds()).containsExactlyInAnyOrder("p1", "p2");
        assertThat(result.unchanged()).isZero();
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).isEmpty();
        assertThat(by("email", "bob@example.com").profileId()).as("linked by the cookie the sync holds").isEqualTo("p1");
        assertThat(by("cookieId", "dmp:c10").trait("dmpAudiences")).contains(List.of("boats"));
        assertThat(tombstones()).extracting(row -> row.get(0)).containsExactly("audience/cookie/c9");
    }

    @Test
    void anExpiredRecordThatAnErasureWithASendTimeHadATombstoneForKeepsItsTombstoneAndWhatItKeepsOut() {
        personWithDmpData();
        fx.engine.remove("dmp", List.of("audience/cookie/c9"), T0.plusSeconds(1));
        fx.engine.merge(List.of(audience("c9", 1, 30, "golf")), List.of(T0.plusSeconds(2))); // sent after: back
        fx.clock.advance(Duration.ofDays(40));
        assertThat(fx.engine.expire(100).changedProfileIds()).contains("p1");
        // a version sent before the erasure, observed after the expired one and not expired itself, stays out
        assertThat(fx.engine.merge(List.of(audience("c9", 2, 100, "chess")), List.of(T0.plusMillis(500)))
                .changedProfileIds()).isEmpty();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"
                + " where source_record_id = 'audience/cookie/c9' and sent_at is not null")).containsExactly(List.of("1"));
        fx.clock.set(T0.plus(TombstoneTable.FORGET_AFTER).plus(Duration.ofDays(30)));
        fx.engine.expire(100); // the sync as well, with a tombstone to forget
        assertThat(fx.engine.forgetTombstones(100)).isEqualTo(1);
        assertThat(tombstones()).extracting(row -> row.get(0)).containsExactly("audience/cookie/c9");
        assertThat(tombstones().get(0).get(2)).as("forget_at").isNull();
    }

    @Test
    void tombstonesOfExpiredRecordsAreForgottenThirteenMonthsAfterTheirObservationThoseOfRemovalsStay() {
        personWithDmpData();
        fx.engine.remove("dmp", List.of("audience/cookie/c10"), T0.plusSeconds(1)); // erased, with a send time
        fx.engine.remove("web", List.of("e1")); // erased, without one
        fx.clock.advance(Duration.ofDays(100));
        fx.engine.expire(100); // the audiences (day 30) and the sync (day 90), both observed at T0
        assertThat(tombstones()).hasSize(4);
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment_tombstone"
                + " where forget_at is not null")).containsExactly(List.of("2"));
        assertThat(fx.engine.forgetTombstones(100)).isZero();

        fx.clock.set(T0.plus(TombstoneTable.FORGET_AFTER).minusSeconds(1));
        assertThat(fx.engine.forgetTombstones(100)).isZero();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(fx.engine.forgetTombstones(1)).as("at most the given number").isEqualTo(1);
        assertThat(fx.engine.forgetTombstones(100)).isEqualTo(1);
        assertThat(fx.engine.forgetTombstones(100)).isZero();
        assertThat(tombstones()).extracting(row -> row.get(0)).containsExactly("audience/cookie/c10", "e1");

        // what they kept out has expired by now: a late copy of it is still not stored
        MergeResult late = fx.engine.merge(List.of(fragment("dmp", "sync/c9/a1", T0).id("cookieId", "dmp:c9")
                .id("anonymousId", "web:a1").expiresAt(T0.plus(Duration.ofDays(90))).build()));
        assertThat(late.changedProfileIds()).isEmpty();
        assertThat(fx.queries.findByIdentifier(new Identifier("cookieId", "dmp:c9"))).isEmpty();
    }

    @Test
    void expiryRemovesAtMostTheGivenNumberPerCall() {
        personWithDmpData();
        fx.clock.advance(Duration.ofDays(400));
        assertThat(fx.engine.expire(1).unchanged()).isZero();
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment where expires_at is not null"))
                .containsExactly(List.of("1"));
        fx.engine.expire(1);
        assertThat(TestStore.rows(fx.dataSource, "select count(*) from cdp_fragment where expires_at is not null"))
                .containsExactly(List.of("0"));
    }

    @Test
    void noFragmentIsKeptLongerThanThirteenMonths() {
        Fragment f = fragment("dmp", "x", T0).id("cookieId", "dmp:x").expiresAt(T0.plus(Duration.ofDays(5000)))
                .build();
        assertThat(f.expiresAt()).isEqualTo(T0.plus(Fragment.MAX_TIME_TO_LIVE));
    }

    @Test
    void removingSeveralRecordsOfASourceIsOneChange() {
        personWithDmpData();
        MergeResult result = fx.engine.remove("dmp", List.of("sync/c9/a1", "audience/cookie/c9", "unknown"));
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.changedProfileIds()).contains("p1");
        assertThat(by("email", "ann@example.com").trait("dmpAudiences")).isEmpty();
        assertThat(fx.queries.findByIdentifier(new Identifier("cookieId", "dmp:c9"))).isEmpty();
    }
}

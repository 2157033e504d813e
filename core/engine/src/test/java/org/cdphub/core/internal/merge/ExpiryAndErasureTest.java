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

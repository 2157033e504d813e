package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.SourceRef;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Imperfect input: invalid identifiers, fragments the engine refuses (all identifiers invalid, times the store cannot
 * hold) next to good ones, duplicate identifiers, fragments without any.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class MergeEngineInputTest {

    private final EngineFixture fx;

    MergeEngineInputTest(TestDatabase database) {
        fx = new EngineFixture(database);
    }

    private Profile byEmail(String email) {
        return fx.queries.findByIdentifier(new Identifier("email", email)).orElseThrow();
    }

    @Test
    void fragmentsWithTimesTheStoreCannotHoldAreRefusedAndTheOthersMerged() {
        Instant year20240 = Instant.parse("+20240-01-31T00:00:00Z"); // a mistyped year
        Instant year300000 = Instant.parse("+300000-01-01T00:00:00Z"); // beyond PostgreSQL's timestamptz
        MergeResult result = fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("ann@example.com").build(),
                fragment("crm", "2", year300000).email("bob@example.com").build(),
                fragment("shop", "3", T0).email("cat@example.com")
                        .event(new Event("order", year20240, "shop", "o-1", Map.of())).build(),
                fragment("crm", "4", T0).email("dan@example.com")
                        .consent(new Consent("marketing", "email", ConsentStatus.GRANTED,
                                Instant.parse("-0001-12-31T00:00:00Z"), "crm")).build(),
                fragment("dmp", "5", T0).email("eve@example.com").build()));

        assertThat(result.rejected()).extracting(r -> r.fragment().sourceRecordId(), MergeResult.Rejected::reason)
                .containsExactly(
                        tuple("2", "observedAt must be in the years 1 to 9999, got +300000-01-01T00:00:00Z"),
                        tuple("3", "an event's occurredAt must be in the years 1 to 9999, got +20240-01-31T00:00:00Z"),
                        tuple("4", "a consent's updatedAt must be in the years 1 to 9999, got -0001-12-31T00:00:00Z"));
        assertThat(fx.queries.count()).isEqualTo(2);
        assertThat(byEmail("ann@example.com").sources()).containsExactly(new SourceRef("crm", "1", T0));
        assertThat(byEmail("eve@example.com").sources()).containsExactly(new SourceRef("dmp", "5", T0));
        assertThat(fx.queries.findByIdentifier(new Identifier("email", "bob@example.com"))).isEmpty();

        // the last moment of year 9999 is stored and read back
        Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
        assertThat(fx.engine.merge(List.of(fragment("crm", "2", last).email("bob@example.com").build())).rejected())
                .isEmpty();
        assertThat(byEmail("bob@example.com").sources()).containsExactly(new SourceRef("crm", "2", last));
    }

    @Test
    void anInvalidIdentifierLinksNothingButTheRestOfItsFragmentIsMerged() {
        MergeResult result = fx.engine.merge(List.of(
                fragment("crm", "1", T0).email("ann@example.com").build(),
                fragment("crm", "2", T0).email("bob@example.com").phone("061234567").trait("firstName", "Bob")
                        .build(),
                fragment("crm", "3", T0).email("cat@example.com").phone("061234567").build()));

        assertThat(result.rejected()).isEmpty();
        assertThat(fx.queries.count()).isEqualTo(3); // the shared invalid phone joins nobody
        assertThat(result.unlinked()).filteredOn(u -> u.kind() == UnlinkedIdentifier.Kind.INVALID)
                .extracting(UnlinkedIdentifier::fragmentKey, u -> u.identifier().key())
                .containsExactly(tuple("crm/2", "phone:061234567"), tuple("crm/3", "phone:061234567"));
        assertThat(result.unlinked()).allSatisfy(u -> assertThat(u.reason()).contains("invalid phone number"));
        Profile bob = byEmail("bob@example.com");
        assertThat(bob.identifiers()).containsExactly(new Identifier("email", "bob@example.com"));
        assertThat(bob.traits().get("firstName").value()).isEqualTo("Bob");
        assertThat(fx.queries.findByIdentifier(new Identifier("phone", "061234567"))).isEmpty();

        // stays unlinked when the profile is rebuilt for another fragment, and the explanation says why
        fx.engine.merge(List.of(fragment("shop", "9", T0).email("bob@example.com").build()));
        assertThat(byEmail("bob@example.com").identifiers()).containsExactly(new Identifier("email", "bob@example.com"));
        assertThat(fx.explain.explain(new Identifier("email", "bob@example.com")).orElseThrow().unlinked())
                .singleElement().satisfies(u -> {
                    assertThat(u.kind()).isEqualTo(UnlinkedIdentifier.Kind.INVALID);
                    assertThat(u.reason()).startsWith("invalid phone number '061234567'");
                });
    }

    @Test
    void aFragmentWhoseIdentifiersAreAllInvalidIsRejected() {
        Fragment bad = fragment("crm", "2", T0).email("bob@example").phone("12").build();
        MergeResult result = fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").build(), bad));

        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.fragment()).isEqualTo(bad);
            assertThat(r.reason()).startsWith("invalid email 'bob@example'; invalid phone number '12'");
        });
        assertThat(fx.queries.count()).isEqualTo(1);
    }

    @Test
    void batchOfOnlyRejectsTouchesNothing() {
        MergeResult result = fx.engine.merge(List.of(fragment("crm", "1", T0).phone("12").build()));
        assertThat(result.rejected()).singleElement().extracting(MergeResult.Rejected::reason).asString()
                .startsWith("invalid phone number '12'");
        assertThat(result.changedProfileIds()).isEmpty();
        assertThat(fx.queries.count()).isZero();
    }

    @Test
    void duplicateIdentifiersInAFragmentAreStoredOnce() {
        fx.engine.merge(List.of(fragment("crm", "1", T0).email("ann@example.com").email("ANN@example.com ")
                .phone("0612345678").phone("+31 6 1234 5678").build()));

        assertThat(TestStore.count(fx.dataSource, "cdp_identifier")).isEqualTo(2);
        String body = TestStore.rows(fx.dataSource, "select body from cdp_fragment").get(0).get(0);
        assertThat(body).contains("\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"},"
                + "{\"type\":\"phone\",\"value\":\"+31612345678\"}]");
    }

    @Test
    void fragmentWithoutIdentifiersGetsAProfileOfItsOwn() {
        MergeResult result = fx.engine.merge(List.of(fragment("iot", "1", T0).trait("x", 1).build(),
                fragment("iot", "2", T0).trait("x", 2).build()));
        assertThat(result.changedProfileIds()).hasSize(2).doesNotHaveDuplicates();

        MergeResult update = fx.engine.merge(List.of(fragment("iot", "1", T0.plusSeconds(1)).trait("x", 3).build()));
        assertThat(update.changedProfileIds()).containsExactly(result.changedProfileIds().get(0));
        assertThat(fx.queries.findById(result.changedProfileIds().get(0)).orElseThrow().trait("x")).contains(3);
    }
}

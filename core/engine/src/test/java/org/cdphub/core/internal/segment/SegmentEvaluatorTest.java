package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.MembershipChange.Kind;
import org.cdphub.api.model.SegmentMembership;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SegmentEvaluatorTest {

    private final EngineFixture fx;
    private final SegmentEvaluator segments;

    SegmentEvaluatorTest(TestDatabase database) {
        fx = new EngineFixture(database);
        segments = new SegmentEvaluator(fx.dataSource,
                TestSegments.of("nl-customers", TestSegments.NL, "named", TestSegments.exists("firstName")),
                fx.clock);
    }

    private MergeResult merge(EngineFixture.FragmentBuilder fragment) {
        return fx.engine.merge(List.of(fragment.build()));
    }

    private List<MembershipChange> mergeAndEvaluate(EngineFixture.FragmentBuilder fragment) {
        MergeResult result = merge(fragment);
        return segments.evaluate(result.changedProfileIds(), result.absorbed());
    }

    @Test
    void profileEntersExitsAndStaysPut() {
        Consent consent = new Consent("marketing", "email", ConsentStatus.GRANTED, T0, "crm");
        List<MembershipChange> entered = mergeAndEvaluate(fragment("crm", "1", T0).email("ann@example.com")
                .trait("country", "nl").consent(consent));
        String id = fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().profileId();

        assertThat(entered).containsExactly(new MembershipChange(id, "nl-customers", Kind.ENTERED, T0, "evaluated",
                List.of(new Identifier("email", "ann@example.com")), List.of(consent)));
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", T0));
        assertThat(segments.segments()).containsExactly(new SegmentInfo("nl-customers", "nl-customers.json", 1, T0),
                new SegmentInfo("named", "named.json", 0, null));

        fx.clock.advance(Duration.ofMinutes(1));
        assertThat(segments.evaluate(List.of(id), List.of())).isEmpty();
        assertThat(mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com")
                .trait("country", "NL").consent(consent))).isEmpty();
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", T0));

        Instant exitAt = fx.clock.advance(Duration.ofMinutes(1));
        List<MembershipChange> exited = mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(2))
                .email("ann@example.com").trait("country", "BE").trait("firstName", "Ann"));
        assertThat(exited).extracting(MembershipChange::segment, MembershipChange::kind, MembershipChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nl-customers", Kind.EXITED, "evaluated"),
                        org.assertj.core.groups.Tuple.tuple("named", Kind.ENTERED, "evaluated"));
        assertThat(fx.queries.findById(id).orElseThrow().segments())
                .containsExactly(new SegmentMembership("named", exitAt));
        assertThat(segments.segments()).containsExactly(new SegmentInfo("nl-customers", "nl-customers.json", 0, exitAt),
                new SegmentInfo("named", "named.json", 1, exitAt));
    }

    @Test
    void absorbedProfileExitsItsSegmentsAsMergedIntoTheSurvivor() {
        fx.nextIds("p1", "p2");
        mergeAndEvaluate(fragment("crm", "1", T0).email("ann@example.com"));
        Instant t1 = fx.clock.advance(Duration.ofMinutes(1));
        mergeAndEvaluate(fragment("web", "1", T0).phone("0612345678").trait("country", "NL").trait("firstName", "A"));
        Instant t2 = fx.clock.advance(Duration.ofMinutes(1));
        mergeAndEvaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com").trait("country", "NL"));
        assertThat(TestStore.memberships(fx.dataSource)).containsExactly(
                        List.of("p1", "nl-customers"), List.of("p2", "named"), List.of("p2", "nl-customers"));
        assertThat(fx.queries.findById("p1").orElseThrow().segments())
                .containsExactly(new SegmentMembership("nl-customers", t2));

        Instant t3 = fx.clock.advance(Duration.ofMinutes(1));
        MergeResult merged = merge(fragment("shop", "1", T0).email("ann@example.com").phone("+31612345678"));
        assertThat(merged.absorbed()).containsExactly(
                new MergeResult.Absorbed("p2", "p1", List.of("named", "nl-customers")));

        List<MembershipChange> changes = segments.evaluate(merged.changedProfileIds(), merged.absorbed());
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::segment, MembershipChange::kind,
                MembershipChange::reason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p2", "named", Kind.EXITED, "merged-into:p1"),
                        org.assertj.core.groups.Tuple.tuple("p2", "nl-customers", Kind.EXITED, "merged-into:p1"));
        assertThat(changes.get(0).at()).isEqualTo(t3);
        assertThat(changes.get(0).identifiers()).containsExactly(new Identifier("email", "ann@example.com"),
                new Identifier("phone", "+31612345678"));

        // memberships moved to the survivor, one row per segment, with the earliest since
        assertThat(TestStore.memberships(fx.dataSource)).containsExactly(
                        List.of("p1", "named"), List.of("p1", "nl-customers"));
        assertThat(fx.queries.findById("p2").orElseThrow().segments()).containsExactly(
                new SegmentMembership("named", t1), new SegmentMembership("nl-customers", t1));
        assertThat(segments.segments()).extracting(SegmentInfo::members).containsExactly(1L, 1L);
    }

    @Test
    void aliasIdsAreEvaluatedAsTheirSurvivor() {
        fx.nextIds("p1", "p2");
        merge(fragment("crm", "1", T0).email("ann@example.com"));
        fx.clock.advance(Duration.ofMinutes(1));
        merge(fragment("web", "1", T0).phone("0612345678"));
        merge(fragment("shop", "1", T0).email("ann@example.com").phone("0612345678").trait("country", "NL"));

        assertThat(segments.evaluate(List.of("p2", "unknown-id"), List.of()))
                .extracting(MembershipChange::profileId, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", Kind.ENTERED));
    }

    @Test
    void nothingToEvaluateIsANoOp() {
        assertThat(segments.evaluate(List.of(), List.of())).isEmpty();
        assertThat(segments.evaluate(null, null)).isEmpty();
        assertThat(TestStore.count(fx.dataSource, "cdp_segment")).isZero();
    }

    /**
     * More profiles than one read takes: the documents are read before the lock, then checked under it. A profile
     * written between the two (here: as soon as the early read gives its connection back) is evaluated as it is now.
     */
    @Test
    void aLargeBatchEvaluatesWhatIsStoredUnderTheLock() {
        List<Fragment> people = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            people.add(fragment("crm", "c" + i, T0).email("p" + i + "@example.com").trait("country", "NL").build());
        }
        MergeResult result = fx.engine.merge(people);
        assertThat(result.changedProfileIds()).hasSize(520);
        fx.clock.advance(Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>(result.changedProfileIds());
        ids.add("unknown-id");
        assertThat(segments.evaluate(ids, List.of())).hasSize(520)
                .allMatch(c -> c.kind() == Kind.ENTERED && c.segment().equals("nl-customers"));

        AtomicBoolean armed = new AtomicBoolean(true);
        DataSource racing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object out = invoke(method, fx.dataSource, args);
                    if (method.getName().equals("getConnection") && armed.getAndSet(false)) {
                        return closingThen((Connection) out, () -> merge(fragment("crm", "c7", T0.plusSeconds(1))
                                .email("p7@example.com").trait("country", "BE")));
                    }
                    return out;
                });
        SegmentEvaluator evaluator = new SegmentEvaluator(racing, TestSegments.of("nl-customers", TestSegments.NL,
                "named", TestSegments.exists("firstName")), fx.clock);
        String seventh = fx.queries.findByIdentifier(new Identifier("email", "p7@example.com")).orElseThrow()
                .profileId();
        assertThat(evaluator.evaluate(ids, List.of()))
                .extracting(MembershipChange::profileId, MembershipChange::segment, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(seventh, "nl-customers", Kind.EXITED));
        assertThat(armed).isFalse();
    }

    /**
     * A large batch is evaluated before the lock; a profile whose segment state changed between that and the lock
     * (here: evaluated on its own meanwhile) is evaluated again under it, so that it does not enter twice, and the
     * others keep their early outcome: every definition is evaluated once per profile, not twice.
     */
    @Test
    void aLargeBatchEvaluatesAgainUnderTheLockOnlyWhatChangedSinceItWasRead() {
        List<Fragment> people = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            people.add(fragment("crm", "c" + i, T0).email("p" + i + "@example.com").trait("country", "NL").build());
        }
        List<String> ids = new ArrayList<>(fx.engine.merge(people).changedProfileIds());
        String seventh = fx.queries.findByIdentifier(new Identifier("email", "p7@example.com")).orElseThrow()
                .profileId();
        fx.clock.advance(Duration.ofMinutes(1));

        java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();
        org.cdphub.segments.api.Evaluator real = org.cdphub.segments.api.Evaluator.create(java.time.ZoneOffset.UTC);
        org.cdphub.segments.api.Evaluator counting = new org.cdphub.segments.api.Evaluator() {
            @Override
            public boolean evaluate(org.cdphub.segments.api.Condition condition,
                    org.cdphub.segments.api.EvaluationInput input, java.time.Instant now) {
                evaluations.incrementAndGet();
                return real.evaluate(condition, input, now);
            }

            @Override
            public java.util.Optional<java.time.Instant> nextFlip(org.cdphub.segments.api.Condition condition,
                    org.cdphub.segments.api.EvaluationInput input, java.time.Instant now) {
                return real.nextFlip(condition, input, now);
            }

            @Override
            public java.util.Set<String> fields(org.cdphub.segments.api.Condition condition) {
                return real.fields(condition);
            }
        };
        List<org.cdphub.segments.api.SegmentDefinition> definitions = TestSegments.of("nl-customers", TestSegments.NL,
                "with-country", TestSegments.exists("country"));
        AtomicBoolean armed = new AtomicBoolean(true);
        List<MembershipChange> meanwhile = new ArrayList<>();
        DataSource racing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object out = invoke(method, fx.dataSource, args);
                    if (method.getName().equals("getConnection") && armed.getAndSet(false)) {
                        return closingThen((Connection) out, () -> meanwhile.addAll(
                                new SegmentEvaluator(fx.dataSource, definitions, fx.clock).evaluate(List.of(seventh),
                                        List.of())));
                    }
                    return out;
                });
        SegmentEvaluator evaluator = new SegmentEvaluator(racing, () -> definitions, counting, fx.clock);

        List<MembershipChange> changes = evaluator.evaluate(ids, List.of());
        assertThat(armed).isFalse();
        assertThat(meanwhile).extracting(MembershipChange::profileId).containsOnly(seventh).hasSize(2);
        assertThat(changes).hasSize(2 * 519).allMatch(c -> c.kind() == Kind.ENTERED)
                .noneMatch(c -> c.profileId().equals(seventh));
        assertThat(evaluations).hasValueLessThanOrEqualTo(2 * 520 + 2); // early, and the seventh once more
        assertThat(evaluator.segments()).extracting(SegmentInfo::name, SegmentInfo::members)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nl-customers", 520L),
                        org.assertj.core.groups.Tuple.tuple("with-country", 520L));
    }

    /**
     * The early evaluation of a large batch is as of the time before the lock; under the lock the batch is evaluated as
     * of the time there. A profile whose event left its window in between is evaluated again (it does not enter), the
     * others enter at the time under the lock, and definitions changed in between are the ones evaluated.
     */
    @Test
    void aLargeBatchIsEvaluatedAsOfTheTimeUnderTheLock() {
        largeBatchWhileTimePasses(false);
    }

    @Test
    void aLargeBatchIsEvaluatedWithTheDefinitionsOfTheTimeUnderTheLock() {
        largeBatchWhileTimePasses(true);
    }

    private void largeBatchWhileTimePasses(boolean definitionAdded) {
        Instant merged = fx.clock.instant();
        Instant early = fx.clock.advance(Duration.ofMinutes(1));
        List<Fragment> people = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            Instant visit = i == 7 ? early.minus(Duration.ofDays(1)).plusSeconds(30) : merged.minus(Duration.ofHours(2));
            people.add(fragment("web", "v" + i, merged).email("p" + i + "@example.com").trait("country", "NL")
                    .event(new org.cdphub.api.model.Event("page", visit, "web", "e" + i, java.util.Map.of())).build());
        }
        List<String> ids = new ArrayList<>(fx.engine.merge(people).changedProfileIds());
        String seventh = fx.queries.findByIdentifier(new Identifier("email", "p7@example.com")).orElseThrow()
                .profileId();
        List<org.cdphub.segments.api.SegmentDefinition> definitions = new ArrayList<>(TestSegments.of(
                "recent-visitors", "{\"event\": \"page\", \"within\": \"P1D\"}"));
        AtomicBoolean armed = new AtomicBoolean(true);
        DataSource racing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object out = invoke(method, fx.dataSource, args);
                    if (method.getName().equals("getConnection") && armed.getAndSet(false)) {
                        return closingThen((Connection) out, () -> {
                            fx.clock.advance(Duration.ofMinutes(1)); // the seventh's visit is now over a day old
                            if (definitionAdded) {
                                definitions.addAll(TestSegments.of("nl-customers", TestSegments.NL));
                            }
                        });
                    }
                    return out;
                });
        SegmentEvaluator evaluator = new SegmentEvaluator(racing, () -> List.copyOf(definitions),
                org.cdphub.segments.api.Evaluator.create(java.time.ZoneOffset.UTC), fx.clock);

        List<MembershipChange> changes = evaluator.evaluate(ids, List.of());
        assertThat(armed).isFalse();
        Instant locked = fx.clock.instant();
        assertThat(changes).allMatch(c -> c.kind() == Kind.ENTERED && c.at().equals(locked));
        assertThat(changes).filteredOn(c -> c.segment().equals("recent-visitors")).hasSize(519)
                .noneMatch(c -> c.profileId().equals(seventh));
        assertThat(changes).filteredOn(c -> c.segment().equals("nl-customers")).hasSize(definitionAdded ? 520 : 0);
        assertThat(fx.queries.findById(seventh).orElseThrow().inSegment("recent-visitors")).isFalse();
        assertThat(fx.queries.findById(ids.get(0)).orElseThrow().segments())
                .allMatch(m -> m.since().equals(locked));
    }

    /** {@code connection}, which runs {@code then} once it is closed. */
    private static Connection closingThen(Connection connection, Runnable then) {
        return (Connection) Proxy.newProxyInstance(SegmentEvaluatorTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object out = invoke(method, connection, args);
                    if (method.getName().equals("close")) {
                        then.run();
                    }
                    return out;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

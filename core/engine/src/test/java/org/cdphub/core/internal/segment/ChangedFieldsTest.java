package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipRow;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A profile change evaluates only the definitions that read a field that changed (a trait, the events of a type, the
 * consents), and those that refer to a segment the profile entered or left; the schedule and a profile without
 * stored input hashes evaluate every definition.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ChangedFieldsTest {

    private static final Consent GRANTED = new Consent("marketing", "email", ConsentStatus.GRANTED, T0, "crm");

    private final EngineFixture fx;
    private final Map<String, AtomicInteger> evaluations = new ConcurrentHashMap<>();
    private final SegmentEvaluator segments;

    ChangedFieldsTest(TestDatabase database) {
        fx = new EngineFixture(database);
        Evaluator counting = new Counting(Evaluator.create(ZoneOffset.UTC), evaluations);
        List<SegmentDefinition> definitions = TestSegments.of(
                "nl", TestSegments.NL,
                "named", TestSegments.exists("firstName"),
                "mailable-nl", "{\"all\": [{\"segment\": \"nl\"}, {\"consent\": \"marketing/email\"}]}",
                "shoppers", "{\"event\": \"page\", \"within\": \"P7D\"}",
                "buyers", "{\"event\": \"order\", \"within\": \"P30D\"}");
        segments = new SegmentEvaluator(fx.dataSource, () -> definitions, counting, fx.clock);
    }

    @Test
    void aChangeEvaluatesOnlyTheDefinitionsThatReadWhatChanged() {
        String id = profileOf(evaluate(fragment("crm", "1", T0).email("ann@example.com").trait("country", "BE")
                .consent(GRANTED)));
        assertThat(evaluated()).containsOnlyKeys("nl", "named", "mailable-nl", "shoppers", "buyers"); // first: all

        fx.clock.advance(Duration.ofMinutes(1));
        evaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com").trait("country", "BE")
                .trait("firstName", "Ann").consent(GRANTED));
        assertThat(evaluated()).containsOnlyKeys("named");

        evaluate(fragment("crm", "1", T0.plusSeconds(2)).email("ann@example.com").trait("country", "NL")
                .trait("firstName", "Ann").consent(GRANTED));
        assertThat(evaluated()).containsOnlyKeys("nl", "mailable-nl"); // entering nl: mailable-nl reads it
        assertThat(members(id)).containsOnlyKeys("nl", "named", "mailable-nl");

        evaluate(fragment("web", "v1", T0).email("ann@example.com").event(new Event("page", fx.clock.instant(), "web",
                "v1", Map.of("path", "/shoes"))));
        assertThat(evaluated()).containsOnlyKeys("shoppers");

        evaluate(fragment("crm", "1", T0.plusSeconds(3)).email("ann@example.com").trait("country", "NL")
                .trait("firstName", "Ann").consent(new Consent("marketing", "email", ConsentStatus.DENIED,
                        T0.plusSeconds(3), "crm")));
        assertThat(evaluated()).containsOnlyKeys("mailable-nl");
        assertThat(members(id)).containsOnlyKeys("nl", "named", "shoppers");

        evaluate(fragment("crm", "1", T0.plusSeconds(4)).email("ann@example.com").phone("0612345678")
                .trait("country", "NL").trait("firstName", "Ann").consent(new Consent("marketing", "email",
                        ConsentStatus.DENIED, T0.plusSeconds(3), "crm")));
        assertThat(evaluated()).isEmpty(); // an identifier no definition reads
    }

    @Test
    void aStaleMembershipOfAnUntouchedDefinitionStaysUntilItsFieldChangesOrTheScheduleComes() {
        String id = profileOf(evaluate(fragment("crm", "1", T0).email("ann@example.com").trait("country", "NL")
                .event(new Event("page", T0, "web", "v1", Map.of()))));
        assertThat(members(id)).containsOnlyKeys("nl", "shoppers");
        Jdbc.inTransaction(fx.dataSource, c -> {
            MembershipTable.delete(c, List.of(new MembershipRow(id, "nl", T0)), T0);
            return null;
        });

        evaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com").trait("country", "NL")
                .trait("firstName", "Ann").event(new Event("page", T0, "web", "v1", Map.of())));
        assertThat(members(id)).containsOnlyKeys("named", "shoppers"); // nl was not evaluated

        // the page view leaves its window: the schedule evaluates every definition
        fx.clock.advance(Duration.ofDays(8));
        evaluations.clear();
        List<MembershipChange> due = segments.evaluateDue(100);
        assertThat(due).extracting(MembershipChange::segment).containsExactlyInAnyOrder("nl", "shoppers");
        assertThat(evaluated()).containsOnlyKeys("nl", "named", "mailable-nl", "shoppers", "buyers");
        assertThat(members(id)).containsOnlyKeys("nl", "named");
    }

    @Test
    void aChangeAfterATimeFlipWasDueKeepsTheDueTimeOfTheDefinitionsItDidNotEvaluate() {
        String id = profileOf(evaluate(fragment("web", "v1", T0).email("ann@example.com")
                .event(new Event("page", T0, "web", "v1", Map.of()))));
        assertThat(members(id)).containsOnlyKeys("shoppers");

        // the page view has left its window, the schedule has not run yet, and an order comes in
        fx.clock.advance(Duration.ofDays(7).plusMinutes(1));
        evaluate(fragment("shop", "o1", T0).email("ann@example.com").event(new Event("order", fx.clock.instant(),
                "shop", "o1", Map.of())));
        assertThat(evaluated()).containsOnlyKeys("buyers");
        assertThat(members(id)).containsOnlyKeys("shoppers", "buyers");

        assertThat(segments.evaluateDue(100)).extracting(MembershipChange::segment, MembershipChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shoppers", MembershipChange.Kind.EXITED));
        assertThat(members(id)).containsOnlyKeys("buyers");
    }

    @Test
    void theSurvivorOfAMergeIsEvaluatedAgainstEveryDefinition() {
        fx.nextIds("p1", "p2");
        evaluate(fragment("crm", "1", T0.plusSeconds(1)).email("ann@example.com").trait("country", "BE"));
        evaluate(fragment("app", "1", T0).phone("0612345678").trait("country", "NL"));
        assertThat(members("p2")).containsOnlyKeys("nl");

        // the survivor takes p2's membership of nl, while its own, newer country (BE) wins: nl must be evaluated
        List<MembershipChange> changes = evaluate(fragment("shop", "1", T0).email("ann@example.com")
                .phone("0612345678"));
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::segment, MembershipChange::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p2", "nl", "merged-into:p1"),
                        org.assertj.core.groups.Tuple.tuple("p1", "nl", "evaluated"));
        assertThat(members("p1")).isEmpty();
    }

    private String profileOf(List<MembershipChange> ignored) {
        return fx.queries.findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow().profileId();
    }

    private List<MembershipChange> evaluate(EngineFixture.FragmentBuilder fragment) {
        evaluations.clear();
        MergeResult result = fx.engine.merge(List.of(fragment.build()));
        return segments.evaluate(result.changedProfileIds(), result.absorbed());
    }

    private Map<String, AtomicInteger> evaluated() {
        return Map.copyOf(evaluations);
    }

    private Map<String, Instant> members(String id) {
        return Jdbc.read(fx.dataSource, c -> MembershipTable.asMaps(MembershipTable.load(c, List.of(id))))
                .getOrDefault(id, Map.of());
    }

    /** Counts the evaluations of each definition. */
    private record Counting(Evaluator delegate, Map<String, AtomicInteger> counts) implements Evaluator {

        @Override
        public boolean evaluate(SegmentDefinition definition, EvaluationInput input, Instant now) {
            counts.computeIfAbsent(definition.name(), k -> new AtomicInteger()).incrementAndGet();
            return delegate.evaluate(definition, input, now);
        }

        @Override
        public boolean evaluate(Condition condition, EvaluationInput input, Instant now) {
            return delegate.evaluate(condition, input, now);
        }

        @Override
        public Optional<Instant> nextFlip(Condition condition, EvaluationInput input, Instant now) {
            return delegate.nextFlip(condition, input, now);
        }

        @Override
        public Set<String> fields(Condition condition) {
            return delegate.fields(condition);
        }
    }
}

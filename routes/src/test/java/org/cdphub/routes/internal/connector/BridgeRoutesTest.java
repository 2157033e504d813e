package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.routes.internal.Headers;
import org.junit.jupiter.api.Test;

/** The runtime side of a connector: counting, consent at send time, retries and dead letters. */
class BridgeRoutesTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final Counters counters = new Counters(CLOCK);
    private int failuresToGo;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        BridgeRoutes.Endpoints endpoints = new BridgeRoutes.Endpoints("mock:fragments", "mock:dead", "direct:topic");
        return new RoutesBuilder[] {
            new BridgeRoutes("hook", endpoints, Optional.of("marketing/email"), counters, CLOCK),
            new RouteBuilder() {
                @Override
                public void configure() {
                    // stands in for an outbound connector whose destination fails a given number of times;
                    // the runtime gives connector contexts no error handler of their own
                    errorHandler(noErrorHandler());
                    from(BridgeRoutes.MEMBERSHIP_CHANGES).process(e -> {
                        if (failuresToGo-- > 0) {
                            e.getMessage().setBody("what the connector made of it"); // as a real one does
                            throw new IllegalStateException("HTTP 503 from destination");
                        }
                    }).to("mock:destination");
                }
            }
        };
    }

    @Test
    void fragmentBatchesAreCountedLabelledAndSentAsJsonAMessagePerRecordGroup() throws Exception {
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "c-" + i).toList();
        long groups = ids.stream().map(id -> RecordGroups.group("hook", id)).distinct().count();
        assertThat(groups).as("40 records fill every group").isEqualTo(RecordGroups.GROUPS);
        MockEndpoint out = getMockEndpoint("mock:fragments");
        out.expectedMessageCount((int) groups);
        out.expectedHeaderReceived(Headers.SOURCE, "hook");

        template.sendBodyAndHeader(BridgeRoutes.FRAGMENTS, ids.stream().map(BridgeRoutesTest::fragment).toList(),
                "CamelFileName", "contacts.csv");

        MockEndpoint.assertIsSatisfied(context);
        List<String> sent = new ArrayList<>();
        for (Exchange e : out.getExchanges()) {
            List<Fragment> fragments = CdpJson.read(e.getMessage().getBody(String.class), CdpJson.FRAGMENT_LIST);
            assertThat(fragments).extracting(f -> RecordGroups.group("hook", f.sourceRecordId()))
                    .containsOnly(e.getMessage().getHeader(Headers.GROUP, String.class));
            assertThat(e.getMessage().getHeader(Headers.BATCH_SIZE)).isEqualTo(fragments.size());
            assertThat(e.getMessage().getHeaders()).doesNotContainKeys("CamelFileName", Headers.KIND);
            fragments.forEach(f -> sent.add(f.sourceRecordId()));
        }
        assertThat(sent).as("every fragment once, in the batch's order within its group").hasSameElementsAs(ids)
                .hasSize(ids.size());
        for (int g = 0; g < out.getExchanges().size(); g++) {
            String group = out.getExchanges().get(g).getMessage().getHeader(Headers.GROUP, String.class);
            assertThat(CdpJson.read(out.getExchanges().get(g).getMessage().getBody(String.class),
                    CdpJson.FRAGMENT_LIST)).extracting(Fragment::sourceRecordId).containsExactlyElementsOf(
                            ids.stream().filter(id -> RecordGroups.group("hook", id).equals(group)).toList());
        }
        assertThat(counters.sent).hasValue(ids.size());
        assertSentInOrder(out);
    }

    @Test
    void removalsGoToTheFragmentsQueueLabelledAsRemovalsInTheGroupsOfTheirRecordsAndAreCounted() throws Exception {
        List<String> ids = List.of("c-1", "c-2", "c-3", "c-4", "c-5");
        MockEndpoint out = getMockEndpoint("mock:fragments");
        out.expectedMessageCount((int) ids.stream().map(id -> RecordGroups.group("hook", id)).distinct().count());
        out.expectedHeaderReceived(Headers.SOURCE, "hook");
        out.expectedHeaderReceived(Headers.KIND, Headers.KIND_REMOVALS);

        template.sendBodyAndHeader(BridgeRoutes.REMOVALS, ids, "CamelHttpUri", "/secret?token=x");

        MockEndpoint.assertIsSatisfied(context);
        List<String> removed = new ArrayList<>();
        for (Exchange e : out.getExchanges()) {
            assertThat(e.getMessage().getHeaders()).doesNotContainKey("CamelHttpUri");
            List<String> inMessage = CdpJson.read(e.getMessage().getBody(String.class), CdpJson.STRING_LIST);
            assertThat(inMessage).as("a record's removal travels in the group of its fragments")
                    .allSatisfy(id -> assertThat(RecordGroups.messages("hook", List.of(fragment(id))).get(0).group())
                            .isEqualTo(e.getMessage().getHeader(Headers.GROUP, String.class)));
            removed.addAll(inMessage);
        }
        assertThat(removed).hasSameElementsAs(ids).hasSize(ids.size());
        assertThat(counters.removed).hasValue(5);
        assertSentInOrder(out);
    }

    /** Every message carries its send time, each later than the one before, although the clock stands still. */
    private static void assertSentInOrder(MockEndpoint out) {
        List<Instant> sent = out.getExchanges().stream()
                .map(e -> Instant.parse(e.getMessage().getHeader(Headers.SENT_AT, String.class))).toList();
        assertThat(sent).hasSize(out.getExchanges().size()).isSorted().doesNotHaveDuplicates()
                .allSatisfy(at -> assertThat(at).isBetween(CLOCK.instant(), CLOCK.instant().plusSeconds(1)));
    }

    @Test
    void anEntryWithoutTheRequiredConsentIsWithheldAndAnExitAlwaysPasses() throws Exception {
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(2);

        template.sendBody("direct:topic", CdpJson.write(change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.DENIED)));
        template.sendBody("direct:topic", CdpJson.write(change("p-2", MembershipChange.Kind.ENTERED, ConsentStatus.GRANTED)));
        template.sendBody("direct:topic", CdpJson.write(change("p-3", MembershipChange.Kind.EXITED, ConsentStatus.DENIED)));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(destination.getExchanges()).extracting(e -> e.getMessage().getBody(MembershipChange.class).profileId())
                .containsExactly("p-2", "p-3");
        assertThat(counters.withheld).hasValue(1);
        assertThat(counters.sent).hasValue(2);
    }

    @Test
    void aFailingDestinationIsRetriedThenDeadLetteredWithTheReason() throws Exception {
        failuresToGo = 100;
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:topic", CdpJson.write(change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.GRANTED)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).contains("HTTP 503 from destination");
        assertThat(letter.stage()).isEqualTo("connector.hook.deliver");
        assertThat(letter.raw()).contains("\"profileId\":\"p-1\"");
        assertThat(failuresToGo).isEqualTo(100 - 4); // first try plus three redeliveries
        assertThat(counters.deadLettered).hasValue(1);
        assertThat(counters.lastError.get().message()).contains("HTTP 503");
        assertThat(counters.lastError.get().at()).as("when, so that an old failure is not read as a current one")
                .isEqualTo(CLOCK.instant());
    }

    @Test
    void aChangeOfAProfileMessageThatStillFailsIsDeadLetteredAloneAndTheOthersAreDeliveredOnce() throws Exception {
        failuresToGo = 4; // the first change: its try and its three redeliveries
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(2);
        MembershipChange first = change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.GRANTED);
        MembershipChange second = new MembershipChange("p-1", "vip", MembershipChange.Kind.EXITED, CLOCK.instant(),
                "evaluated", List.of(), List.of());
        MembershipChange third = new MembershipChange("p-1", "be", MembershipChange.Kind.EXITED, CLOCK.instant(),
                "evaluated", List.of(), List.of());

        template.sendBody("direct:topic", CdpJson.write(List.of(first, second, third)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(CdpJson.read(letter.raw(), MembershipChange.class)).isEqualTo(first);
        assertThat(destination.getExchanges()).extracting(e -> e.getMessage().getBody(MembershipChange.class))
                .containsExactly(second, third);
        assertThat(counters.sent).hasValue(3);
        assertThat(counters.deadLettered).hasValue(1);
    }

    @Test
    void aTransientFailureIsRetriedAndDelivered() throws Exception {
        failuresToGo = 2;
        getMockEndpoint("mock:destination").expectedMessageCount(1);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        template.sendBody("direct:topic", CdpJson.write(change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.GRANTED)));

        MockEndpoint.assertIsSatisfied(context);
        // each retry hands the connector the change again, not what its failed attempt left in the body
        assertThat(getMockEndpoint("mock:destination").getExchanges().get(0).getMessage()
                .getBody(MembershipChange.class).profileId()).isEqualTo("p-1");
    }

    @Test
    void aListOfDeadLettersBecomesAQueueEntryEachCountedOnceWithItsReason() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(3);
        DeadLetter first = new DeadLetter("connector.hook.map", "hook", "f.csv:2", "bad email", "a,b", CLOCK.instant());
        DeadLetter last = new DeadLetter("connector.hook.map", "hook", "f.csv:9", "bad phone", "c,d", CLOCK.instant());

        template.sendBody(BridgeRoutes.DEAD_LETTER, List.of(first, "not a letter, with commas", last));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getExchanges()).extracting(e -> e.getMessage().getHeader(Headers.REASON)).containsExactly(
                "bad email", "connector sent something other than a DeadLetter", "bad phone");
        assertThat(CdpJson.read(dead.getExchanges().get(2).getMessage().getBody(String.class), DeadLetter.class))
                .isEqualTo(last);
        assertThat(counters.deadLettered).hasValue(3);

        dead.reset();
        dead.expectedMessageCount(1);
        template.sendBody(BridgeRoutes.DEAD_LETTER, "one thing, not split at its commas");
        MockEndpoint.assertIsSatisfied(context);
        assertThat(counters.deadLettered).hasValue(4);
    }

    @Test
    void aMessageThatIsNotAMembershipChangeIsDeadLettered() throws Exception {
        getMockEndpoint("mock:dead").expectedMessageCount(1);
        getMockEndpoint("mock:destination").expectedMessageCount(0);

        template.sendBody("direct:topic", "garbage");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(counters.deadLettered).hasValue(1);
    }

    @Test
    void theChangesOfOneProfileInOneMessageAreDeliveredOneByOneInOrderWithConsentCheckedForEach() throws Exception {
        MockEndpoint destination = getMockEndpoint("mock:destination");
        destination.expectedMessageCount(3);
        getMockEndpoint("mock:dead").expectedMessageCount(3);
        MembershipChange a = change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.GRANTED);
        MembershipChange withheld = change("p-1", MembershipChange.Kind.ENTERED, ConsentStatus.DENIED);
        MembershipChange c = new MembershipChange("p-1", "vip", MembershipChange.Kind.EXITED, CLOCK.instant(),
                "evaluated", List.of(), List.of());
        MembershipChange d = new MembershipChange("p-1", "be", MembershipChange.Kind.ENTERED, CLOCK.instant(),
                "evaluated", List.of(), List.of(new Consent("marketing", "email", ConsentStatus.GRANTED,
                        CLOCK.instant(), "crm")));

        template.sendBody("direct:topic", CdpJson.write(List.of(a, withheld, c, d)));
        template.sendBody("direct:topic", "[]");
        template.sendBody("direct:topic", "[null]");
        template.sendBody("direct:topic", "null");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(destination.getExchanges()).extracting(e -> e.getMessage().getBody(MembershipChange.class))
                .containsExactly(a, c, d);
        assertThat(counters.withheld).hasValue(1);
        assertThat(counters.sent).hasValue(3);
        assertThat(counters.deadLettered).hasValue(3);
    }

    private static MembershipChange change(String id, MembershipChange.Kind kind, ConsentStatus consent) {
        return new MembershipChange(id, "nl", kind, CLOCK.instant(), "evaluated", List.of(),
                List.of(new Consent("marketing", "email", consent, CLOCK.instant(), "crm")));
    }

    private static Fragment fragment(String id) {
        return new Fragment("hook", id, CLOCK.instant(), List.of(), null, null, null, null);
    }
}

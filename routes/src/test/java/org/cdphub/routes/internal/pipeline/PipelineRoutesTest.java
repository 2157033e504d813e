package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.routes.internal.AfterCommit;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.Test;

/** The merge and segment stages wired together over direct: endpoints, with fake engines behind them. */
class PipelineRoutesTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    private final List<List<Fragment>> merged = new ArrayList<>();
    private final List<Collection<String>> evaluated = new ArrayList<>();

    private final List<String> removed = new ArrayList<>();
    private final List<String> removalsSentAt = new ArrayList<>();
    private final List<List<String>> sentAts = new ArrayList<>();
    private final java.util.Deque<List<MembershipChange>> due = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.Deque<MergeResult> expiries = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private final FakePendingChanges store = new FakePendingChanges();
    private final BatchedForgetting forgetting = new BatchedForgetting(store);

    private final IdentityResolution engine = new IdentityResolution() {
        @Override
        public MergeResult merge(List<Fragment> fragments, List<java.time.Instant> sentAt) {
            assertThat(sentAt).hasSameSizeAs(fragments);
            sentAts.add(sentAt.stream().map(String::valueOf).toList());
            return merge(fragments);
        }

        @Override
        public MergeResult merge(List<Fragment> fragments) {
            merged.add(fragments);
            List<MergeResult.Rejected> rejected = fragments.stream()
                    .filter(f -> f.identifiers().isEmpty())
                    .map(f -> new MergeResult.Rejected(f, "no identifier")).toList();
            List<String> changed = fragments.stream().filter(f -> !f.identifiers().isEmpty())
                    .map(f -> "p-" + f.sourceRecordId()).toList();
            List<MergeResult.Absorbed> absorbed = fragments.size() > 2
                    ? List.of(new MergeResult.Absorbed("p-old", "p-1", List.of("nl"))) : List.of();
            List<UnlinkedIdentifier> invalid = fragments.stream().flatMap(f -> f.identifiers().stream()
                    .filter(i -> i.value().equals("12")).map(i -> new UnlinkedIdentifier(f.source(),
                            f.sourceRecordId(), i, UnlinkedIdentifier.Kind.INVALID, "invalid phone number '12'")))
                    .toList();
            MergeResult result = new MergeResult(changed, absorbed, 0, rejected, List.of(), invalid, List.of());
            return store.record(result, CLOCK.instant());
        }

        @Override
        public MergeResult remove(String source, List<String> sourceRecordIds, java.time.Instant sentAt) {
            sourceRecordIds.forEach(id -> removed.add(source + "/" + id));
            removalsSentAt.add(String.valueOf(sentAt));
            return store.record(new MergeResult(sourceRecordIds.stream().map(id -> "p-" + id).toList(), List.of(), 0,
                    List.of()), CLOCK.instant());
        }

        @Override
        public MergeResult expire(int max) {
            MergeResult next = expiries.poll();
            return next != null ? next : new MergeResult(List.of(), List.of(), 0, List.of());
        }
    };

    private final SegmentEvaluation segments = new SegmentEvaluation() {
        @Override
        public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
            if (profileIds.contains("p-store-down")) {
                throw new IllegalStateException("store down");
            }
            evaluated.add(profileIds);
            List<MembershipChange> changes = new ArrayList<>();
            profileIds.forEach(id -> changes.add(new MembershipChange(id, "nl", MembershipChange.Kind.ENTERED,
                    CLOCK.instant(), "evaluated", List.of(), List.of())));
            absorbed.forEach(a -> changes.add(new MembershipChange(a.profileId(), "nl", MembershipChange.Kind.EXITED,
                    CLOCK.instant(), "merged-into:" + a.survivorId(), List.of(), List.of())));
            return changes;
        }

        @Override
        public List<MembershipChange> evaluateDue(int max) {
            List<MembershipChange> next = due.poll();
            return next != null ? next : List.of();
        }

        @Override
        public List<SegmentInfo> segments() {
            return List.of();
        }
    };

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            new MergeRoute("direct:fragments", "direct:changed", "mock:dead", engine, forgetting, CLOCK),
            new SegmentRoute("direct:changed", "mock:membership", "mock:dead", segments, CLOCK),
            new ExpiryRoute(java.time.Duration.ofMillis(50), 10, "direct:changed", engine, forgetting),
            new PendingChangesRoute(java.time.Duration.ofSeconds(2), "direct:changed", forgetting, CLOCK),
            new SegmentScheduleRoute(java.time.Duration.ofMillis(50), 10, "mock:membership", segments,
                    SegmentScheduleRouteTest.PASS_THROUGH)
        };
    }

    @Test
    void aBatchIsMergedOnceAndEveryMembershipChangeIsPublishedInItsProfilesMessageGroup() throws Exception {
        MockEndpoint membership = getMockEndpoint("mock:membership");
        long groups = java.util.stream.Stream.of("p-1", "p-2", "p-3", "p-old").map(SegmentRoute::group).distinct()
                .count();
        membership.expectedMessageCount((int) groups);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        template.sendBody("direct:fragments", CdpJson.write(List.of(fragment("1"), fragment("2"), fragment("3"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0)).extracting(Fragment::sourceRecordId).containsExactly("1", "2", "3");
        assertThat(evaluated).containsExactly(List.of("p-1", "p-2", "p-3"));
        List<MembershipChange> changes = membership.getExchanges().stream()
                .flatMap(e -> CdpJson.read(e.getMessage().getBody(String.class), CdpJson.MEMBERSHIP_CHANGE_LIST)
                        .stream()).toList();
        assertThat(changes).extracting(MembershipChange::profileId)
                .containsExactlyInAnyOrder("p-1", "p-2", "p-3", "p-old");
        assertThat(changes).filteredOn(c -> c.profileId().equals("p-old")).singleElement()
                .extracting(MembershipChange::reason).isEqualTo("merged-into:p-1");
        assertThat(membership.getExchanges()).allSatisfy(e -> assertThat(CdpJson.read(e.getMessage()
                .getBody(String.class), CdpJson.MEMBERSHIP_CHANGE_LIST)).extracting(c -> SegmentRoute.group(
                        c.profileId())).containsOnly((String) e.getMessage().getHeader(Headers.GROUP)));
    }

    @Test
    void aBatchOfMessagesIsMergedInRunsSplitByRemovalsAndAnnouncedInOneMessage() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(5);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:fragments", List.of(
                new Received(CdpJson.write(List.of(fragment("1"), fragment("1b"))), java.util.Map.of(Headers.SOURCE,
                        "crm", Headers.SENT_AT, "2026-12-01T10:00:00.000001Z")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm")),
                new Received("{\"oops\": ", java.util.Map.of(Headers.SOURCE, "crm-x")),
                new Received("[\"7\"]", java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS,
                        Headers.SENT_AT, "2026-12-01T10:00:00.000003Z")),
                new Received(CdpJson.write(List.of(fragment("3"))), java.util.Map.of(Headers.SOURCE, "crm",
                        Headers.SENT_AT, "2026-12-01T10:00:00.000004Z"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).as("consecutive fragment messages in one call, the removal in between on its own")
                .extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("1", "1b", "2"), List.of("3"));
        assertThat(sentAts).as("each fragment with its message's send time, none for a message without")
                .containsExactly(List.of("2026-12-01T10:00:00.000001Z", "2026-12-01T10:00:00.000001Z", "null"),
                        List.of("2026-12-01T10:00:00.000004Z"));
        assertThat(removed).containsExactly("crm-x/7");
        assertThat(removalsSentAt).containsExactly("2026-12-01T10:00:00.000003Z");
        assertThat(evaluated).as("one profiles-changed message for the whole batch")
                .containsExactly(List.of("p-1", "p-1b", "p-2", "p-7", "p-3"));
        assertThat(dead.getExchanges().get(0).getMessage().getHeader(Headers.REASON, String.class))
                .startsWith("not a fragment batch");
    }

    @Test
    void aNullFragmentIsDeadLetteredWithItsMessagesSourceAndTheRestOfTheBatchIsMerged() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(2);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:fragments", List.of(
                new Received("[null, " + CdpJson.write(fragment("1")) + "]", java.util.Map.of(Headers.SOURCE, "crm")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("1", "2"));
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).isEqualTo("no fragment (null in the batch)");
        assertThat(letter.source()).isEqualTo("crm");
    }

    @Test
    void aMessageOfJsonNullIsDeadLetteredAndTheRestOfTheBatchIsMerged() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:fragments", List.of(
                new Received("null", java.util.Map.of(Headers.SOURCE, "crm-x")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("2"));
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).isEqualTo("not a fragment batch: null, not a list of fragments");
        assertThat(letter.source()).isEqualTo("crm-x");
    }

    @Test
    void aBatchOfProfilesChangedMessagesIsEvaluatedOnceForEachProfile() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(3);
        getMockEndpoint("mock:dead").expectedMessageCount(1);

        template.sendBody("direct:changed", List.of(
                new Received(CdpJson.write(new ProfilesChanged(List.of("p-1", "p-2"), List.of())), java.util.Map.of()),
                new Received("not json", java.util.Map.of()),
                new Received(CdpJson.write(new ProfilesChanged(List.of("p-2", "p-3"), List.of())), java.util.Map.of())));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(evaluated).containsExactly(List.of("p-1", "p-2", "p-3"));
    }

    @Test
    void refusedFragmentsAreDeadLetteredWithTheReasonAndTheRestGoesOn() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        dead.expectedHeaderReceived(Headers.REASON, "no identifier");

        Fragment noId = new Fragment("crm", "9", CLOCK.instant(), List.of(), null, null, null, null);
        template.sendBody("direct:fragments", CdpJson.write(List.of(fragment("1"), noId)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.stage()).isEqualTo("core.merge");
        assertThat(letter.location()).isEqualTo("crm/9");
        assertThat(letter.raw()).contains("\"sourceRecordId\":\"9\"");
    }

    @Test
    void anInvalidIdentifierOfAMergedFragmentIsDeadLetteredWithItsReason() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        Fragment badPhone = new Fragment("crm", "1", CLOCK.instant(), List.of(new Identifier("email", "a@b.com"),
                new Identifier("phone", "12")), null, null, null, java.util.Map.of("file", "people.csv", "line", "7"));
        template.sendBody("direct:fragments", CdpJson.write(List.of(badPhone)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.location()).isEqualTo("people.csv:7");
        assertThat(letter.reason()).isEqualTo("identifier phone:12 links nothing: invalid phone number '12'"
                + " (the rest of the record was merged)");
        assertThat(letter.raw()).contains("\"kind\":\"INVALID\"");
    }

    @Test
    void aRefusedFragmentReadFromAFileIsDeadLetteredWithItsFileAndLine() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        Fragment noId = new Fragment("crm", "9", CLOCK.instant(), List.of(), null, null, null,
                java.util.Map.of("file", "contacts.csv", "line", "18"));
        template.sendBody("direct:fragments", CdpJson.write(List.of(fragment("1"), noId)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.location()).isEqualTo("contacts.csv:18");
        assertThat(letter.raw()).contains("\"sourceRecordId\":\"9\"");
    }

    @Test
    void aMessageThatIsNotAFragmentBatchIsDeadLetteredNotRetried() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        getMockEndpoint("mock:membership").expectedMessageCount(0);

        template.sendBodyAndHeader("direct:fragments", "{\"oops\": ", Headers.SOURCE, "crm-x");

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).startsWith("not a fragment batch");
        assertThat(letter.source()).isEqualTo("crm-x");
        assertThat(letter.raw()).isEqualTo("{\"oops\": ");
        assertThat(merged).isEmpty();
    }

    @Test
    void aMessageTheSegmentStageCannotReadIsDeadLetteredNotPublished() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        getMockEndpoint("mock:membership").expectedMessageCount(0);

        template.sendBody("direct:changed", "not json");

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.stage()).isEqualTo("core.segments");
        assertThat(letter.reason()).startsWith("not a profiles-changed message");
        assertThat(letter.raw()).isEqualTo("not json");
        assertThat(evaluated).isEmpty();
    }

    @Test
    void aBatchThatChangesNothingPublishesNothing() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(0);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        template.sendBody("direct:fragments", "[]");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(evaluated).isEmpty();
    }

    @Test
    void removalsOfASourceAreErasedInOneCallAndTheirProfilesReEvaluated() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(3);
        getMockEndpoint("mock:dead").expectedMessageCount(0);

        template.sendBodyAndHeaders("direct:fragments", "[\"7\",\"8\"]", java.util.Map.of(Headers.SOURCE, "crm-x",
                Headers.KIND, Headers.KIND_REMOVALS, Headers.SENT_AT, "2026-12-01T10:00:00.123456Z"));
        template.sendBodyAndHeaders("direct:fragments", "[\"9\"]",
                java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(removed).containsExactly("crm-x/7", "crm-x/8", "crm-x/9");
        assertThat(removalsSentAt).as("when they were sent; none said (a message of an older hub)")
                .containsExactly("2026-12-01T10:00:00.123456Z", "null");
        assertThat(evaluated).containsExactly(List.of("p-7", "p-8"), List.of("p-9"));
        assertThat(merged).isEmpty();
    }

    @Test
    void aRemovalMessageThatIsNotAListOfIdsIsDeadLettered() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(2);

        template.sendBodyAndHeaders("direct:fragments", "{\"id\": 7}",
                java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS));
        template.sendBodyAndHeaders("direct:fragments", "[\"7\"]", java.util.Map.of(Headers.KIND, Headers.KIND_REMOVALS));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader(Headers.REASON, String.class))
                .startsWith("not a removal batch"));
        assertThat(removed).isEmpty();
    }

    @Test
    void aMessageWhoseSendTimeIsNotAnInstantIsDeadLetteredAndTheRestOfTheBatchIsMerged() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(2);

        template.sendBody("direct:fragments", List.of(
                new Received("[\"7\"]", java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS,
                        Headers.SENT_AT, "yesterday")),
                new Received(CdpJson.write(List.of(fragment("1"))), java.util.Map.of(Headers.SOURCE, "crm",
                        Headers.SENT_AT, "2026-13-01T00:00:00Z")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getExchanges()).extracting(e -> e.getMessage().getHeader(Headers.REASON, String.class))
                .containsExactly("header CdpSentAt is not an ISO-8601 instant: yesterday",
                        "header CdpSentAt is not an ISO-8601 instant: 2026-13-01T00:00:00Z");
        assertThat(removed).isEmpty();
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("2"));
    }

    @Test
    void theExpirySweepAnnouncesWhatItRemovedAndThenTheStoreForgetsItsPendingChanges() throws Exception {
        MockEndpoint membership = getMockEndpoint("mock:membership");
        membership.expectedMessageCount(3);
        expiries.add(new MergeResult(List.of("p-e1", "p-e2"), List.of(), 0, List.of()).withPendingChange(41));
        expiries.add(new MergeResult(List.of("p-e3"), List.of(), 0, List.of()).withPendingChange(42));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(evaluated).containsExactly(List.of("p-e1", "p-e2"), List.of("p-e3"));
        TestBroker.await(() -> store.announced.size() >= 2);
        assertThat(store.announced).containsExactly(41L, 42L);
    }

    @Test
    void aMergedBatchLeavesForAfterItsCommitThatTheStoreForgetsItsPendingChanges() throws Exception {
        // three engine calls, each its own store transaction: a merge, a removal, a merge
        org.apache.camel.Exchange done = template.send("direct:fragments", e -> e.getMessage().setBody(List.of(
                new Received(CdpJson.write(List.of(fragment("1"), fragment("2"))), java.util.Map.of()),
                new Received("[\"7\"]", java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS)),
                new Received(CdpJson.write(List.of(fragment("3"))), java.util.Map.of()))));

        assertThat(done.getException()).isNull();
        assertThat(evaluated).as("announced in the exchange's transaction").hasSize(1);
        assertThat(forgetting.flush()).as("nothing queued before the commit").isZero();
        List<Runnable> afterCommit = AfterCommit.of(done);
        assertThat(afterCommit).hasSize(1);
        afterCommit.forEach(Runnable::run);
        TestBroker.await(() -> store.announced.size() >= 3); // forgotten by core.pending.forget within a second
        assertThat(store.announced).containsExactly(1L, 2L, 3L);
    }

    @Test
    void changesTheStoreCommittedWithoutAnAnnouncementAreAnnouncedOnceOldEnoughAndForgottenWhenSent()
            throws Exception {
        MockEndpoint membership = getMockEndpoint("mock:membership");
        membership.expectedMinimumMessageCount(2);
        store.pending.addAll(List.of( // at once: a sweep sees all three or none
                new PendingChanges.Pending(7, CLOCK.instant().minusSeconds(60), List.of("p-lost"),
                        List.of(new MergeResult.Absorbed("p-gone", "p-lost", List.of("nl")))),
                new PendingChanges.Pending(8, CLOCK.instant().minusSeconds(60), List.of("p-store-down"), List.of()),
                new PendingChanges.Pending(9, CLOCK.instant().minusMillis(500), List.of("p-young"), List.of())));

        MockEndpoint.assertIsSatisfied(context);
        TestBroker.await(() -> store.announced.contains(7L));
        assertThat(evaluated).contains(List.of("p-lost")).doesNotContain(List.of("p-young"));
        assertThat(membership.getExchanges()).anySatisfy(e -> assertThat(e.getMessage().getBody(String.class))
                .contains("merged-into:p-lost"));
        assertThat(store.announced).as("a change whose announcement failed stays pending; one younger than the delay waits")
                .doesNotContain(8L, 9L);
        assertThat(store.pending).extracting(PendingChanges.Pending::id).containsExactly(8L, 9L);
    }

    @Test
    void theSegmentSchedulePublishesWhatTimeChanged() throws Exception {
        MockEndpoint membership = getMockEndpoint("mock:membership");
        membership.expectedMessageCount(2);
        due.add(List.of(new MembershipChange("p-b", "birthday", MembershipChange.Kind.ENTERED, CLOCK.instant(),
                "evaluated", List.of(), List.of()), new MembershipChange("p-w", "recent", MembershipChange.Kind.EXITED,
                CLOCK.instant(), "evaluated", List.of(), List.of())));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(membership.getExchanges()).extracting(e -> e.getMessage().getHeader(Headers.GROUP))
                .containsExactly(SegmentRoute.group("p-b"), SegmentRoute.group("p-w"));
    }

    private static Fragment fragment(String id) {
        return new Fragment("crm", id, CLOCK.instant(), List.of(new Identifier("email", id + "@example.com")), null,
                null, null, null);
    }
}

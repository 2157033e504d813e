package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.routes.internal.AfterCommit;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.routes.internal.broker.TestBroker;
import org.junit.jupiter.api.Test;

/** What flows through the merge and segment stages: batches, runs, announcements, removals, sweeps. */
class PipelineRoutesTest extends PipelineRoutesTestSupport {

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
        getMockEndpoint("mock:membership").expectedMessageCount((int) java.util.stream.Stream.of("p-1", "p-1b", "p-2",
                "p-7", "p-3").map(SegmentRoute::group).distinct().count()); // a message per group of changes
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
    void aBatchOfProfilesChangedMessagesIsEvaluatedOnceForEachProfile() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount((int) java.util.stream.Stream.of("p-1", "p-2", "p-3")
                .map(SegmentRoute::group).distinct().count());
        getMockEndpoint("mock:dead").expectedMessageCount(1);

        template.sendBody("direct:changed", List.of(
                new Received(CdpJson.write(new ProfilesChanged(List.of("p-1", "p-2"), List.of())), java.util.Map.of()),
                new Received("not json", java.util.Map.of()),
                new Received(CdpJson.write(new ProfilesChanged(List.of("p-2", "p-3"), List.of())), java.util.Map.of())));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(evaluated).containsExactly(List.of("p-1", "p-2", "p-3"));
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
}

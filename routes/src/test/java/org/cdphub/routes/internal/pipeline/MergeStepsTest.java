package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.Test;

class MergeStepsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private static final String SENT = "2026-12-03T09:00:00Z";

    @Test
    void fragmentMessagesFormRunsOfAtMostTheLimitAndAMessageOverItGoesAlone() {
        List<MergeSteps.Step> steps = all(new MergeSteps(List.of(fragments("a", 2), fragments("b", 2),
                fragments("c", 5), fragments("d", 1), fragments("e", 2)), 4, 0, CLOCK));

        assertThat(steps).extracting(MergeSteps.Step::fragments).extracting(MergeStepsTest::ids).containsExactly(
                List.of("a0", "a1", "b0", "b1"), List.of("c0", "c1", "c2", "c3", "c4"), List.of("d0", "e0", "e1"));
        assertThat(steps.get(2).sentAt()).containsExactly(Instant.parse(SENT), Instant.parse(SENT),
                Instant.parse(SENT));
        assertThat(steps).allSatisfy(s -> assertThat(s.removal()).isNull());
    }

    @Test
    void aRemovalEndsTheRunBeforeItAndIsAStepOfItsOwn() {
        List<MergeSteps.Step> steps = all(new MergeSteps(List.of(fragments("a", 1), removal("7"), removal("8"),
                fragments("b", 1)), 1000, 2, CLOCK));

        assertThat(steps).extracting(s -> s.removal() == null ? ids(s.fragments()).toString()
                : "removal " + s.removal().message().body())
                .containsExactly("[a0]", "removal [\"7\"]", "removal [\"8\"]", "[b0]");
        assertThat(steps.get(1).removal().sentAt()).isEqualTo(Instant.parse(SENT));
        assertThat(steps.get(1).removal().source()).isEqualTo("crm");
    }

    @Test
    void refusedMessagesComeWithTheStepReadAlongWithThemInTheirOrder() {
        Received badTime = new Received(CdpJson.write(List.of(fragment("t0"))), Map.of(Headers.SOURCE, "crm",
                Headers.SENT_AT, "yesterday"));
        Received notJson = new Received("{\"oops\": ", Map.of(Headers.SOURCE, "web"));
        Received withNull = new Received(CdpJson.write(Arrays.asList(fragment("n0"), null)),
                Map.of(Headers.SOURCE, "shop"));
        List<MergeSteps.Step> steps = all(new MergeSteps(List.of(fragments("a", 2), badTime, notJson, withNull,
                removal("7"), notJson), 2, 0, CLOCK));

        assertThat(steps).hasSize(4);
        assertThat(ids(steps.get(0).fragments())).containsExactly("a0", "a1");
        assertThat(steps.get(0).refused()).extracting(DeadLetter::reason).as("read before the run was full")
                .satisfiesExactly(r -> assertThat(r).startsWith("header " + Headers.SENT_AT),
                        r -> assertThat(r).startsWith("not a fragment batch"),
                        r -> assertThat(r).isEqualTo("no fragment (null in the batch)"));
        assertThat(steps.get(0).sources()).containsExactly("crm", "shop", "web");
        assertThat(ids(steps.get(1).fragments())).as("the rest of the message with a null").containsExactly("n0");
        assertThat(steps.get(2).removal()).isNotNull();
        assertThat(steps.get(3).fragments()).as("only the last message's dead letter").isEmpty();
        assertThat(steps.get(3).refused()).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo("web");
            assertThat(d.stage()).isEqualTo(MergeRoute.STAGE);
            assertThat(d.raw()).isEqualTo("{\"oops\": ");
        });
    }

    @Test
    void messagesWithNothingToMergeStillReportTheirSources() {
        Received empty = new Received("[]", Map.of(Headers.SOURCE, "web"));
        List<MergeSteps.Step> steps = all(new MergeSteps(List.of(removal("7"), empty), 10, 0, CLOCK));

        assertThat(steps).hasSize(2);
        assertThat(steps.get(1).fragments()).isEmpty();
        assertThat(steps.get(1).removal()).isNull();
        assertThat(steps.get(1).sources()).containsExactly("web");
    }

    @Test
    void anEmptyBatchHasNoStep() {
        MergeSteps steps = new MergeSteps(List.of(), 10, 4, CLOCK);
        assertThat(steps.hasNext()).isFalse();
        assertThat(steps.next()).isNull();
    }

    private static List<MergeSteps.Step> all(MergeSteps steps) {
        List<MergeSteps.Step> all = new ArrayList<>();
        while (steps.hasNext()) {
            MergeSteps.Step step = steps.next();
            assertThat(step).isNotNull();
            all.add(step);
        }
        assertThat(steps.next()).isNull();
        return all;
    }

    private static List<String> ids(List<Fragment> fragments) {
        return fragments.stream().map(Fragment::sourceRecordId).toList();
    }

    private static Received fragments(String prefix, int n) {
        List<Fragment> fragments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fragments.add(fragment(prefix + i));
        }
        return new Received(CdpJson.write(fragments), Map.of(Headers.SOURCE, "crm", Headers.SENT_AT, SENT));
    }

    private static Received removal(String id) {
        return new Received(CdpJson.write(List.of(id)), Map.of(Headers.SOURCE, "crm", Headers.KIND,
                Headers.KIND_REMOVALS, Headers.SENT_AT, SENT));
    }

    private static Fragment fragment(String id) {
        return new Fragment("crm", id, CLOCK.instant(), List.of(new Identifier("email", id + "@example.com")), null,
                null, null, null);
    }
}

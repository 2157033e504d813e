package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.MembershipChange;
import org.junit.jupiter.api.Test;

/** How the segment stage lays membership changes out in messages: one list per message group, in order. */
class SegmentRouteGroupsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void changesAreListedByMessageGroupInOrderAndDeadLettersStayApart() {
        MembershipChange a1 = change("a", "s1", MembershipChange.Kind.ENTERED);
        MembershipChange a2 = change("a", "s2", MembershipChange.Kind.EXITED);
        String b = otherGroupThan("a");
        MembershipChange b1 = change(b, "s1", MembershipChange.Kind.ENTERED);
        MembershipChange b2 = change(b, "s2", MembershipChange.Kind.ENTERED);
        DeadLetter dead = new DeadLetter("core.segments", null, null, "bad", "x", NOW);

        assertThat(SegmentRoute.byGroup(List.of(a1, b1, dead, a2, b2)))
                .as("one list per group, in order of first appearance, dead letters last")
                .containsExactly(List.of(a1, a2), List.of(b1, b2), dead);
        assertThat(SegmentRoute.byGroup(List.of())).isEmpty();

        List<MembershipChange> many = new ArrayList<>();
        int n = SegmentRoute.CHANGES_PER_MESSAGE;
        for (int i = 0; i < 2 * n + 5; i++) {
            many.add(change("c", "s" + i, MembershipChange.Kind.ENTERED));
        }
        assertThat(SegmentRoute.byGroup(many)).as("at most CHANGES_PER_MESSAGE a message, in order")
                .containsExactly(many.subList(0, n), many.subList(n, 2 * n), many.subList(2 * n, 2 * n + 5));

        List<MembershipChange> spread = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            spread.add(change("profile-" + i, "s", MembershipChange.Kind.ENTERED));
        }
        List<Object> messages = SegmentRoute.byGroup(spread);
        assertThat(messages).as("a thousand profiles' changes in about 1000/CHANGES_PER_MESSAGE messages")
                .hasSizeBetween(1000 / n, 1000 / n + SegmentRoute.GROUPS);
        assertThat(spread.stream().map(c -> SegmentRoute.group(c.profileId())).distinct().count())
                .as("the profiles are spread over every group").isEqualTo(SegmentRoute.GROUPS);
    }

    private static MembershipChange change(String profileId, String segment, MembershipChange.Kind kind) {
        return new MembershipChange(profileId, segment, kind, NOW, "evaluated", List.of(), List.of());
    }

    private static String otherGroupThan(String profileId) {
        for (int i = 0; ; i++) {
            if (!SegmentRoute.group("q" + i).equals(SegmentRoute.group(profileId))) {
                return "q" + i;
            }
        }
    }
}

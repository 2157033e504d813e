package org.cdphub.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyDifferenceTest {

    @Test
    void onlyKeysThatWentOrCameAreWritten() {
        KeyDifference d = KeyDifference.of(List.of("p1", "p2", "p3"),
                Map.of("p1", Set.of("a", "b"), "p3", Set.of("x")),
                Map.of("p1", Set.of("b", "c"), "p2", Set.of("d")));
        assertThat(d.deletes()).containsExactlyInAnyOrder(new KeyDifference.Row("a", "p1"),
                new KeyDifference.Row("x", "p3"));
        assertThat(d.inserts()).containsExactlyInAnyOrder(new KeyDifference.Row("c", "p1"),
                new KeyDifference.Row("d", "p2"));
    }

    @Test
    void profilesNotListedAreLeftAlone() {
        KeyDifference d = KeyDifference.of(List.of("p1"), Map.of("p9", Set.of("a")), Map.of("p9", Set.of("b")));
        assertThat(d.deletes()).isEmpty();
        assertThat(d.inserts()).isEmpty();
    }
}

package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProfileIdsTest {

    @Test
    void idsAreUniqueVersion7UuidsInTheOrderTheyWereMade() throws Exception {
        ProfileIds ids = new ProfileIds();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(ids.get());
            if (i == 10_000) {
                Thread.sleep(2); // another millisecond: the time part grows
            }
        }
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made).allSatisfy(id -> {
            assertThat(id).hasSize(36);
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
        });
        // in time order as strings too: the store's indexes compare them so
        assertThat(made).isSorted();
        assertThat(millis(made.get(made.size() - 1))).isGreaterThan(millis(made.get(0)));
    }

    @Test
    void theTimePartIsTheTimeOfCreation() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(new ProfileIds().get());
        long after = System.currentTimeMillis();
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    private static long millis(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }
}

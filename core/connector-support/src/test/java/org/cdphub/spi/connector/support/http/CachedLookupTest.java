package org.cdphub.spi.connector.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CachedLookupTest {

    private final List<List<String>> requests = new ArrayList<>();

    private CachedLookup<String> lookup(int perRequest, int cacheSize) {
        return new CachedLookup<>(perRequest, cacheSize, "", ids -> {
            requests.add(List.copyOf(ids));
            return ids.stream().filter(id -> !id.startsWith("gone"))
                    .collect(Collectors.toMap(id -> id, id -> id.equals("blank") ? "" : "type-" + id));
        });
    }

    @Test
    void asksOnlyForWhatItDoesNotKnowInChunksAndRemembersIdsWithoutAValue() throws Exception {
        CachedLookup<String> types = lookup(2, 100);

        assertThat(types.of(List.of("1", "gone-1", "blank"))).containsExactly(Map.entry("1", "type-1"));
        assertThat(requests).containsExactly(List.of("1", "gone-1"), List.of("blank"));

        assertThat(types.of(List.of("1", "gone-1", "blank", "2"))).containsOnlyKeys("1", "2");
        assertThat(requests).hasSize(3).last().isEqualTo(List.of("2"));
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedOut() throws Exception {
        CachedLookup<String> types = lookup(10, 3);
        types.of(IntStream.rangeClosed(1, 4).mapToObj(String::valueOf).toList()); // 1 falls out
        requests.clear();

        types.of(List.of("2", "3", "4"));
        assertThat(requests).isEmpty();
        types.of(List.of("1"));
        assertThat(requests).containsExactly(List.of("1"));
    }

    @Test
    void aFailedRequestIsPassedOnAndNothingIsCached() {
        CachedLookup<String> failing = new CachedLookup<>(5, 10, "", ids -> {
            requests.add(ids);
            throw new RetryingHttp.FailedRequest("HTTP 500");
        });
        assertThatThrownBy(() -> failing.of(List.of("1"))).hasMessage("HTTP 500");
        assertThatThrownBy(() -> failing.of(List.of("1"))).hasMessage("HTTP 500");
        assertThat(requests).hasSize(2);
    }
}

package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParseAheadTest {

    @Test
    void resultsComeInOrderAndAtMostTheWindowIsStartedAhead() throws Exception {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        List<Integer> startedItems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            ParseAhead<Integer, String> ahead = new ParseAhead<>(items, i -> {
                startedItems.add(i);
                return "#" + i;
            }, 3, executor);
            assertThat(ahead.get(0)).isEqualTo("#0");
            long until = System.nanoTime() + 5_000_000_000L; // the next three are worked out without being asked for
            while (!startedItems.containsAll(List.of(1, 2, 3)) && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertThat(startedItems).containsExactlyInAnyOrder(0, 1, 2, 3);
            for (int i = 1; i < items.size(); i++) {
                assertThat(ahead.get(i)).isEqualTo("#" + i);
                Thread.sleep(2); // let the started ones run: they must be the next three, no more
                int current = i;
                // a copy (the synchronized list's toArray): a worker may still be adding to the list
                assertThat(List.copyOf(startedItems)).allMatch(s -> s <= current + 3);
            }
            assertThat(startedItems).containsExactlyInAnyOrderElementsOf(items);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void withoutAWindowEverythingRunsOnTheCallersThreadWhenAskedFor() {
        AtomicInteger calls = new AtomicInteger();
        Thread caller = Thread.currentThread();
        ParseAhead<String, Integer> ahead = new ParseAhead<>(List.of("a", "bb", "ccc"), s -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            calls.incrementAndGet();
            return s.length();
        }, 0, r -> {
            throw new AssertionError("nothing runs on the executor");
        });
        assertThat(calls).hasValue(0);
        assertThat(ahead.get(0)).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(ahead.get(1)).isEqualTo(2);
        assertThat(ahead.get(2)).isEqualTo(3);
    }

    @Test
    void anItemNoThreadHasBegunIsWorkedOutByTheCallerNotWaitedFor() {
        List<Runnable> queued = new ArrayList<>(); // an executor whose threads are all busy: nothing it gets runs
        Thread caller = Thread.currentThread();
        ParseAhead<String, String> ahead = new ParseAhead<>(List.of("a", "b", "c"), s -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return s.toUpperCase(java.util.Locale.ROOT);
        }, 2, queued::add);
        assertThat(ahead.get(0)).isEqualTo("A");
        assertThat(queued).as("the next two, handed to the executor").hasSize(2);
        assertThat(ahead.get(1)).isEqualTo("B");
        assertThat(ahead.get(2)).isEqualTo("C");
        queued.forEach(Runnable::run); // when its threads get to them at last, there is nothing left to do
    }

    @Test
    void aFailureOfOneItemIsThrownForThatItemOnly() {
        ParseAhead<String, Integer> ahead = new ParseAhead<>(List.of("1", "x", "3"), Integer::parseInt, 2);
        assertThat(ahead.get(0)).isEqualTo(1);
        assertThatThrownBy(() -> ahead.get(1)).isInstanceOf(NumberFormatException.class);
        assertThat(ahead.get(2)).isEqualTo(3);
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> new ParseAhead<String, String>(List.of(), s -> s, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }
}

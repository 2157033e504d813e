package org.cdphub.core.internal.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InOrderWorkTest {

    @Test
    void resultsReachTheSinkInListOrderWhicheverThreadComputedThem() {
        List<Integer> items = IntStream.range(0, 2_000).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        CountDownLatch callerComputed = new CountDownLatch(1);
        Set<Thread> helpersWaited = ConcurrentHashMap.newKeySet();
        InOrderWork.run(items, i -> {
            threads.add(Thread.currentThread().getName());
            if (Thread.currentThread() == caller) {
                callerComputed.countDown();
            } else if (helpersWaited.add(Thread.currentThread())) {
                // each helper waits (once, 10 s at most) for the caller to take an item: on a busy machine the
                // helpers could otherwise take all of them before the caller starts
                try {
                    callerComputed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (i % 97 == 0) {
                Thread.yield();
            }
            return i * 2;
        }, seen::add);
        assertThat(seen).isEqualTo(items.stream().map(i -> i * 2).toList());
        assertThat(threads).contains(Thread.currentThread().getName());
    }

    @Test
    void aFailureOfTheWorkReachesTheCallerAndTheResultsBeforeItWereConsumed() {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> InOrderWork.run(List.of(1, 2, 3, 4), i -> {
            if (i == 3) {
                throw new IllegalArgumentException("bad " + i);
            }
            return i;
        }, seen::add)).isInstanceOf(IllegalArgumentException.class).hasMessage("bad 3");
        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void aFailureOfTheSinkStopsTheRun() {
        assertThatThrownBy(() -> InOrderWork.<Integer, Integer, java.sql.SQLException>run(List.of(1, 2, 3), i -> i,
                r -> {
                    throw new java.sql.SQLException("disk full");
                })).isInstanceOf(java.sql.SQLException.class);
        List<Integer> empty = new ArrayList<>();
        InOrderWork.run(List.<Integer>of(), i -> i, empty::add);
        assertThat(empty).isEmpty();
    }
}

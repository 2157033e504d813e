package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AheadTest {

    @Test
    void workNoThreadHasBegunIsDoneByTheCallerOnce() {
        List<Runnable> queued = new ArrayList<>(); // an executor that never gets to it
        AtomicInteger runs = new AtomicInteger();
        Ahead<Thread> ahead = Ahead.start(() -> {
            runs.incrementAndGet();
            return Thread.currentThread();
        }, queued::add);

        assertThat(ahead.get()).isSameAs(Thread.currentThread());
        queued.forEach(Runnable::run); // the executor gets to it after all: nothing is done twice
        assertThat(runs).hasValue(1);
        assertThat(ahead.get()).as("asked again: the same result, not a wait").isSameAs(Thread.currentThread());
    }

    @Test
    void theCallersFailureIsThrownAgainWhenAskedAgain() {
        Ahead<String> failing = Ahead.later(() -> {
            throw new IllegalStateException("bad batch");
        });
        assertThatThrownBy(failing::get).isInstanceOf(IllegalStateException.class).hasMessage("bad batch");
        assertThatThrownBy(failing::get).isInstanceOf(IllegalStateException.class).hasMessage("bad batch");
    }

    @Test
    void workAThreadHasDoneIsWaitedForAndItsExceptionThrownToTheCaller() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Thread> worker = new AtomicReference<>();
            Ahead<String> ok = Ahead.start(() -> {
                worker.set(Thread.currentThread());
                return "done";
            }, executor);
            Ahead<String> failing = Ahead.start(() -> {
                throw new IllegalStateException("store went away");
            }, executor);
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(ok.get()).isEqualTo("done");
            assertThat(worker.get()).isNotSameAs(Thread.currentThread());
            assertThatThrownBy(failing::get).isInstanceOf(IllegalStateException.class)
                    .hasMessage("store went away");
        } finally {
            executor.shutdownNow();
        }
    }
}

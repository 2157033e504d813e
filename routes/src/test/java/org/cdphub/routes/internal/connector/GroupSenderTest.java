package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupSenderTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aCallerAloneIsSentAtOnce() throws Exception {
        GroupSender<String> sender = new GroupSender<>(10, sent::add);
        sender.send(List.of("a", "b"));
        sender.send(List.of("c"));
        assertThat(sent).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void callersThatArriveDuringASendGoOutTogetherInGroupsOfAtMostMax() throws Exception {
        CountDownLatch firstSendStarted = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        GroupSender<String> sender = new GroupSender<>(5, items -> {
            if (items.contains("first")) {
                firstSendStarted.countDown();
                othersWaiting.await(10, TimeUnit.SECONDS);
            }
            sent.add(List.copyOf(items));
        });
        Future<?> first = threads.submit(() -> send(sender, List.of("first")));
        assertThat(firstSendStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> others = new ArrayList<>();
        for (String caller : List.of("x", "y", "z")) {
            others.add(threads.submit(() -> send(sender, List.of(caller + "1", caller + "2"))));
        }
        awaitWaiting(sender, 3); // the three are queued behind the first send
        othersWaiting.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertThat(sent.get(0)).containsExactly("first");
        // 3 batches of 2 with at most 5 per send: two of them in one send, the third in the next
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).hasSize(4);
        assertThat(sent.get(2)).hasSize(2);
        List<String> all = sent.stream().skip(1).flatMap(List::stream).toList();
        assertThat(all).containsExactlyInAnyOrder("x1", "x2", "y1", "y2", "z1", "z2");
        for (String caller : List.of("x", "y", "z")) { // each caller's items together and in its order
            assertThat(all.indexOf(caller + "2")).isEqualTo(all.indexOf(caller + "1") + 1);
        }
    }

    @Test
    void aFailedSendFailsEveryCallerOfItsGroupAndTheNextOnesStillGo() throws Exception {
        CountDownLatch firstSendStarted = new CountDownLatch(1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        GroupSender<String> sender = new GroupSender<>(100, items -> {
            if (items.contains("first")) {
                firstSendStarted.countDown();
                release.get(10, TimeUnit.SECONDS);
            } else if (items.contains("bad")) {
                throw new IllegalStateException("broker refused the message");
            }
            sent.add(List.copyOf(items));
        });
        Future<?> first = threads.submit(() -> send(sender, List.of("first")));
        assertThat(firstSendStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> bad = threads.submit(() -> send(sender, List.of("bad")));
        Future<?> neighbour = threads.submit(() -> send(sender, List.of("neighbour")));
        awaitWaiting(sender, 2);
        release.complete(null);

        first.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("broker refused the message");
        assertThatThrownBy(() -> neighbour.get(10, TimeUnit.SECONDS))
                .hasRootCauseMessage("broker refused the message");
        sender.send(List.of("later"));
        assertThat(sent).containsExactly(List.of("first"), List.of("later"));
    }

    /** Waits until {@code n} callers wait behind the send under way (a fixed sleep failed on a loaded machine). */
    private static void awaitWaiting(GroupSender<?> sender, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.waiting() < n) {
            assertThat(System.nanoTime()).as(n + " callers waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Void send(GroupSender<String> sender, List<String> items) throws Exception {
        sender.send(items);
        return null;
    }
}

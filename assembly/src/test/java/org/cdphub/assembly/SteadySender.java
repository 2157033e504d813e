package org.cdphub.assembly;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends tracking page views at a steady rate through a small pool of asynchronous HTTP clients: event i is due at
 * {@code start + i / rate}; each is a page under /shoes of a new anonymous visitor, so each should make one profile
 * enter the segment. At most {@code maxInFlight} requests are open: when the hub answers too slowly the sender falls
 * behind its schedule, which shows as a lower achieved rate and a send lag; sending stops after the run's seconds
 * even if fewer events than {@code rate × seconds} went out.
 */
final class SteadySender {

    /** What one run sent: when each event went out ({@link System#nanoTime()}) and how the hub answered. */
    record Sent(long[] sentAt, long start, long end, long ok, long refused, long failed, long maxLagNanos) {

        double perSecond() {
            return sentAt.length / ((end - start) / 1e9);
        }
    }

    private final HttpClient[] clients;
    private final URI page;
    private final String authorization;
    private final int maxInFlight;

    SteadySender(String hubBase, String writeKey, int clientCount, int maxInFlight) {
        clients = new HttpClient[clientCount];
        for (int i = 0; i < clientCount; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }
        page = URI.create(hubBase + "/v1/page");
        authorization = "Basic " + Base64.getEncoder()
                .encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        this.maxInFlight = maxInFlight;
    }

    /** The anonymousId of event i of a run. */
    static String id(String runPrefix, int i) {
        return runPrefix + i;
    }

    Sent run(String runPrefix, int rate, int seconds) throws InterruptedException {
        int total = Math.multiplyExact(rate, seconds);
        long[] sentAt = new long[total];
        Semaphore open = new Semaphore(maxInFlight);
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long maxLag = 0;
        long start = System.nanoTime();
        long stop = start + seconds * 1_000_000_000L; // a steady load for that long: what is not sent by then is not
        int i = 0;
        for (; i < total && System.nanoTime() < stop; i++) {
            long due = start + (long) (i * (1e9 / rate));
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            open.acquire();
            long now = System.nanoTime();
            maxLag = Math.max(maxLag, now - due);
            sentAt[i] = now;
            clients[i % clients.length].sendAsync(request(id(runPrefix, i), i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        } else if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                        open.release(); // after counting: run() reads the counts once every permit is back
                    });
        }
        long end = System.nanoTime();
        open.acquire(maxInFlight); // every answer is in
        open.release(maxInFlight);
        return new Sent(java.util.Arrays.copyOf(sentAt, i), start, end, ok.get(), refused.get(), failed.get(),
                maxLag);
    }

    private HttpRequest request(String anonymousId, int i) {
        String body = "{\"anonymousId\":\"" + anonymousId + "\",\"messageId\":\"" + anonymousId
                + "\",\"name\":\"Shoes\",\"properties\":{\"path\":\"/shoes/" + (i % 50) + "\"}}";
        return HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}

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
 *
 * <p>With a batch size above 1 the events go out as Segment's server-side libraries send them: {@code POST /v1/batch}
 * with that many messages, when the last of them is due. An event's time is then when it was due, so the wait for its
 * batch to fill counts in its latency; a request that went out late moves its events' times by its lag, as a single
 * event's time is when it went out (the sender's lag is reported apart, as {@code maxSendLagMs}).
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
    private final URI batchUri;
    private final int maxInFlight;
    private final int batch;

    /** @param batch events per request: 1 posts each to {@code /v1/page}, more go to {@code /v1/batch} */
    SteadySender(String hubBase, String writeKey, int clientCount, int maxInFlight, int batch) {
        if (batch < 1 || batch > 2_500) {
            throw new IllegalArgumentException("batch: 1 to 2500 events a request (Segment's limit), not " + batch);
        }
        this.batch = batch;
        batchUri = URI.create(hubBase + "/v1/batch");
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
        for (int request = 0; i < total && System.nanoTime() < stop; request++) {
            int first = i;
            int last = Math.min(total, first + batch) - 1;
            long due = due(start, last, rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            open.acquire();
            long now = System.nanoTime();
            long lag = now - due;
            maxLag = Math.max(maxLag, lag);
            for (int k = first; k <= last; k++) {
                sentAt[k] = due(start, k, rate) + Math.max(0, lag);
            }
            i = last + 1;
            int events = last - first + 1; // the answer counts for each event of the request
            clients[request % clients.length].sendAsync(request(runPrefix, first, last),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                        if (error != null) {
                            failed.addAndGet(events);
                        } else if (response.statusCode() == 200) {
                            ok.addAndGet(events);
                        } else {
                            refused.addAndGet(events);
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

    private static long due(long start, int event, int rate) {
        return start + (long) (event * (1e9 / rate));
    }

    /** One page view (batch size 1) or a batch of page views, of events {@code first} to {@code last}. */
    private HttpRequest request(String runPrefix, int first, int last) {
        String body;
        if (batch == 1) {
            body = page(id(runPrefix, first), first, false);
        } else {
            StringBuilder messages = new StringBuilder("{\"batch\":[");
            for (int k = first; k <= last; k++) {
                messages.append(k == first ? "" : ",").append(page(id(runPrefix, k), k, true));
            }
            body = messages.append("]}").toString();
        }
        return HttpRequest.newBuilder(batch == 1 ? page : batchUri).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static String page(String anonymousId, int i, boolean typed) {
        return "{" + (typed ? "\"type\":\"page\"," : "") + "\"anonymousId\":\"" + anonymousId + "\",\"messageId\":\""
                + anonymousId + "\",\"name\":\"Shoes\",\"properties\":{\"path\":\"/shoes/" + (i % 50) + "\"}}";
    }
}

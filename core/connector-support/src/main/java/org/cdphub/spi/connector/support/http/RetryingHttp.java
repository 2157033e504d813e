package org.cdphub.spi.connector.support.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * GET requests to a shop's (or any JSON) API that ride out rate limits and passing server trouble: 429 waits as long as
 * {@code Retry-After} says (at most 20 times for one request), 5xx and I/O errors are retried after a back-off that
 * doubles, up to {@code maxRetries} times; any other status fails at once. Failure messages name the status and path,
 * never the credentials (they travel in headers).
 */
public final class RetryingHttp {

    /** Waits; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A request that did not succeed; the message is meant for operators. */
    public static final class FailedRequest extends Exception {
        public FailedRequest(String message) {
            super(message);
        }
    }

    public static final int MAX_RATE_LIMITED = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Map<String, String> headers;
    private final int maxRetries;
    private final long backoffMs;
    private final Sleeper sleeper;

    public RetryingHttp(HttpClient http, Map<String, String> headers, int maxRetries, long backoffMs, Sleeper sleeper) {
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.maxRetries = maxRetries;
        this.backoffMs = backoffMs;
        this.sleeper = sleeper;
    }

    public HttpResponse<String> get(URI uri) throws FailedRequest, InterruptedException {
        int errors = 0;
        int limited = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            String problem;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status == 429 && ++limited <= MAX_RATE_LIMITED) {
                    sleeper.sleep(retryAfterMs(response));
                    continue;
                }
                problem = "GET " + uri.getPath() + " answered " + status;
                if (status < 500 || status == 429) {
                    throw new FailedRequest(problem);
                }
            } catch (IOException e) {
                problem = "GET " + uri.getPath() + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            if (++errors > maxRetries) {
                throw new FailedRequest(problem + " (gave up after " + maxRetries + " retries)");
            }
            sleeper.sleep(backoffMs << Math.min(errors - 1, 16));
        }
    }

    /** {@code Retry-After} in seconds (possibly fractional: Shopify sends {@code 2.0}); the back-off when absent or not a number. */
    public long retryAfterMs(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return (long) Math.ceil(Double.parseDouble(v.strip()) * 1000);
            } catch (NumberFormatException e) {
                return backoffMs;
            }
        }).filter(ms -> ms >= 0).map(ms -> Math.min(ms, 600_000L)).orElse(backoffMs);
    }
}

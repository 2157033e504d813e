package org.cdphub.connector.crm.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.cdphub.api.model.CdpJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two HubSpot CRM v3 calls the connector makes, with the retries HubSpot asks for: HTTP 429 waits for
 * {@code Retry-After} seconds (capped by {@code retry.max.wait}), 5xx answers and connection errors back off
 * exponentially from {@code retry.backoff}, both at most {@code retry.attempts} times; 401 and 403 fail at once.
 * Thread-safe; the token is sent as a Bearer token and never written into messages.
 */
final class HubSpotClient {

    static final String SEARCH_PATH = "/crm/v3/objects/contacts/search";
    static final String LIST_PATH = "/crm/v3/objects/contacts";
    static final String AUTH_FAILED = "authentication failed (check token)";
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotClient.class);

    private final CrmRestSettings settings;
    private final HttpClient http;
    private final Sleeper sleeper;

    HubSpotClient(CrmRestSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code POST /crm/v3/objects/contacts/search} with {@code body}; the parsed answer. */
    JsonNode searchContacts(ObjectNode body) throws InterruptedException {
        HttpRequest request = request(SEARCH_PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CdpJson.write(body), StandardCharsets.UTF_8))
                .build();
        return send("contacts search", request);
    }

    /** {@code GET /crm/v3/objects/contacts?archived=true&limit=..&after=..}; the parsed answer. */
    JsonNode archivedContacts(int limit, String after) throws InterruptedException {
        String query = "?archived=true&limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return send("archived contacts", request(LIST_PATH + query).GET().build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .timeout(settings.httpTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + settings.token());
    }

    private JsonNode send(String what, HttpRequest request) throws InterruptedException {
        for (int retry = 0; ; retry++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                String problem = "connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
                waitOrGiveUp(what, problem, 0, retry, backoff(retry));
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(what, status, response.body());
            }
            if (status == 401 || status == 403) {
                throw new HubSpotException(what + ": " + AUTH_FAILED + ", HTTP " + status, status, true);
            }
            if (status == 429) {
                Duration wait = retryAfter(response).orElse(backoff(retry));
                waitOrGiveUp(what, "rate limited (HTTP 429)", status, retry, min(wait, settings.retryMaxWait()));
            } else if (status >= 500) {
                waitOrGiveUp(what, "HTTP " + status + errorMessage(response.body()), status, retry, backoff(retry));
            } else {
                throw new HubSpotException(what + ": HTTP " + status + errorMessage(response.body()), status, false);
            }
        }
    }

    private void waitOrGiveUp(String what, String problem, int status, int retry, Duration wait)
            throws InterruptedException {
        if (retry >= settings.retryAttempts()) {
            throw new HubSpotException(what + ": " + safe(problem) + ", gave up after " + settings.retryAttempts()
                    + " retries", status, false);
        }
        LOG.debug("{}: {}: {}, retry {} of {} in {}", settings.id(), what, safe(problem), retry + 1,
                settings.retryAttempts(), wait);
        sleeper.sleep(wait);
    }

    /** retry.backoff doubled per retry, capped by retry.max.wait. */
    private Duration backoff(int retry) {
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(retry, 20));
        return min(wait, settings.retryMaxWait());
    }

    /** {@code Retry-After} in seconds, as HubSpot sends it (an HTTP date is not used by HubSpot). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private JsonNode parse(String what, int status, String body) {
        try {
            JsonNode node = CdpJson.mapper().readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new HubSpotException(what + ": HTTP " + status + " answer is not a JSON object", status, false);
    }

    /** HubSpot's own error message ({@code {"status":"error","message":"...","category":"..."}}), if any. */
    private String errorMessage(String body) {
        try {
            JsonNode node = CdpJson.mapper().readTree(body);
            String message = node == null ? "" : node.path("message").asText("");
            String category = node == null ? "" : node.path("category").asText("");
            if (!message.isBlank()) {
                return " (" + (category.isBlank() ? "" : category + ": ") + safe(abbreviate(message)) + ")";
            }
        } catch (IOException e) {
            // not JSON: say nothing more
        }
        return "";
    }

    /** Whatever a server or exception says, the token never ends up in a message. */
    private String safe(String text) {
        return text.replace(settings.token(), CrmRestSettings.MASK);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package org.cdphub.connector.tracking.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;

/**
 * Turns one HTTP request into fragments and dead letters, or refuses it as a whole with an HTTP status. Enforces the
 * Segment limits (32 KB a message, 500 KB and 2,500 messages a batch) with 400 instead of dropping anything, checks
 * the write key (HTTP Basic user name, or {@code writeKey} in the body) and drops messageIds seen recently.
 */
final class TrackingIntake {

    static final int MAX_MESSAGE_BYTES = 32 * 1024;
    static final int MAX_BATCH_BYTES = 500 * 1024;
    static final int MAX_BATCH_MESSAGES = 2500;

    /** The outcome: a refusal (status and message) or what to pass on. */
    record Outcome(int status, String error, List<Fragment> fragments, List<DeadLetter> deadLetters, int duplicates) {

        static Outcome refuse(int status, String error) {
            return new Outcome(status, error, List.of(), List.of(), 0);
        }

        boolean refused() {
            return error != null;
        }
    }

    private final TrackingSettings settings;
    private final SegmentMapper mapper;
    private final RecentMessageIds recent;
    private final Clock clock;

    TrackingIntake(TrackingSettings settings, Clock clock) {
        this.settings = settings;
        this.mapper = new SegmentMapper(settings.id(), settings.normalizer(), settings.eventsTtl());
        this.recent = new RecentMessageIds(settings.dedupWindow());
        this.clock = clock;
    }

    Outcome handle(String type, byte[] raw, String contentEncoding, String authorization) {
        boolean batch = "batch".equals(type);
        int limit = batch ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES;
        byte[] body;
        try {
            body = "gzip".equalsIgnoreCase(contentEncoding) ? gunzip(raw, limit) : raw;
        } catch (IOException e) {
            return Outcome.refuse(400, "body is not valid gzip: " + e.getMessage());
        }
        if (body == null || body.length > limit) {
            return Outcome.refuse(400, (batch ? "batch" : "message") + " exceeds " + limit / 1024 + " KB");
        }
        JsonNode json;
        try {
            json = CdpJson.mapper().readTree(body);
        } catch (IOException e) {
            return Outcome.refuse(400, "body is not valid JSON: " + firstLine(e));
        }
        if (json == null || !json.isObject()) {
            return Outcome.refuse(400, "body must be a JSON object");
        }
        if (!authorised(authorization, json)) {
            return Outcome.refuse(401, "missing or unknown write key");
        }
        Instant received = clock.instant();
        if (!batch) {
            return collect(List.of(json), type, received);
        }
        JsonNode messages = json.path("batch");
        if (!messages.isArray()) {
            return Outcome.refuse(400, "batch: a 'batch' array is required");
        }
        if (messages.size() > MAX_BATCH_MESSAGES) {
            return Outcome.refuse(400, "batch has " + messages.size() + " messages, at most " + MAX_BATCH_MESSAGES);
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode m : messages) {
            int size = CdpJson.write(m).getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_MESSAGE_BYTES) {
                return Outcome.refuse(400, "batch: message " + list.size() + " exceeds 32 KB (" + size + " bytes)");
            }
            list.add(m);
        }
        return collect(list, null, received);
    }

    private Outcome collect(List<JsonNode> messages, String type, Instant received) {
        List<Fragment> fragments = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        int duplicates = 0;
        String stage = "connector." + settings.id() + ".map";
        for (JsonNode message : messages) {
            Mapped mapped = mapper.map(type, message, received);
            if (mapped instanceof Mapped.Accepted accepted) {
                if (recent.firstTime(accepted.fragment().sourceRecordId())) {
                    fragments.add(accepted.fragment());
                } else {
                    duplicates++;
                }
            } else if (mapped instanceof Mapped.Refused refused) {
                dead.add(new DeadLetter(stage, settings.id(), "messageId " + refused.messageId(), refused.reason(),
                        CdpJson.write(message), received));
            }
        }
        return new Outcome(200, null, fragments, dead, duplicates);
    }

    /**
     * A request whose body could not be read (sent as a form): 401 without a known key in the header or a form field
     * {@code writeKey}, else 415.
     */
    Outcome refuseForm(String authorization, Map<?, ?> form) {
        ObjectNode fields = CdpJson.mapper().createObjectNode();
        if (form.get("writeKey") instanceof String key) {
            fields.put("writeKey", key);
        }
        return authorised(authorization, fields) ? Outcome.refuse(415, "the body was"
                + " sent as a form (Content-Type: application/x-www-form-urlencoded, curl's default for -d); send JSON"
                + " with Content-Type: application/json") : Outcome.refuse(401, "missing or unknown write key");
    }

    private boolean authorised(String authorization, JsonNode body) {
        String key = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else if (body.path("writeKey").isTextual()) {
            key = body.path("writeKey").asText();
        }
        return key != null && settings.writeKeys().contains(key);
    }

    private static byte[] gunzip(byte[] raw, int limit) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    return null; // over the limit once decoded
                }
            }
            return out.toByteArray();
        }
    }

    private static String firstLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}

package org.cdphub.connector.tracking.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.spi.connector.support.config.ConfigValues;
import org.cdphub.spi.connector.support.config.TimeToLive;

/** Validated settings of one tracking instance. */
record TrackingSettings(String id, Set<String> writeKeys, String path, IdentifierNormalizer normalizer,
        int dedupWindow, Duration eventsTtl) {

    /** The most messageIds remembered: each takes roughly 150 bytes of heap, so this bounds it near 1.5 GB. */
    static final int MAX_DEDUP_WINDOW = 10_000_000;

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_-]+)+");

    static TrackingSettings from(TrackingConfig c) {
        Set<String> keys = c.write_keys() == null ? Set.of()
                : Arrays.stream(c.write_keys().split(",")).map(String::strip).filter(k -> !k.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("write.keys: at least one write key is required");
        }
        if (!PATH.matcher(c.path()).matches()) {
            throw new IllegalArgumentException("path: expected something like /v1, got '" + c.path() + "'");
        }
        int dedupWindow = (int) ConfigValues.number("dedup.window", c.dedup_window(), 0, MAX_DEDUP_WINDOW);
        IdentifierNormalizer normalizer;
        try {
            normalizer = new IdentifierNormalizer(c.phone_default_region());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phone.default.region: " + e.getMessage(), e);
        }
        String ttl = c.events_ttl() == null ? "" : c.events_ttl().strip();
        Duration eventsTtl = ttl.isEmpty() ? null : TimeToLive.parse("events.ttl", ttl);
        return new TrackingSettings(c.id(), keys, c.path(), normalizer, dedupWindow, eventsTtl);
    }

    /** Settings as an operator may see them: write keys are secrets. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("write.keys", writeKeys.size() + " configured (hidden)");
        out.put("phone.default.region", normalizer.defaultRegion());
        out.put("dedup.window", dedupWindow == 0 ? "0 (none remembered)" : Integer.toString(dedupWindow));
        out.put("events.ttl", eventsTtl == null ? "(kept until erased)"
                : eventsTtl.toSeconds() % 86_400 == 0 ? "P" + eventsTtl.toDays() + "D" : eventsTtl.toString());
        return out;
    }
}

package org.cdphub.connector.crm.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import org.cdphub.api.model.CdpJson;
import org.cdphub.spi.connector.test.ConfigProxy;

/** Configurations built the way DS builds them, fixtures, and a sleeper that records instead of waiting. */
final class TestConfig {

    static final String TOKEN = "pat-eu1-11111111-2222-3333-4444-555555555555";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/hubspot");

    private TestConfig() {
    }

    /** Keys of a valid configuration pointing at {@code baseUrl}, with fast retries. */
    static Map<String, String> valid(String baseUrl) {
        Map<String, String> keys = new HashMap<>();
        keys.put("id", "crm-hubspot");
        keys.put("base.url", baseUrl);
        keys.put("token", TOKEN);
        keys.put("retry.backoff", "PT0.01S");
        keys.put("retry.max.wait", "PT2S");
        keys.put("poll.interval", "PT1H");
        keys.put("http.timeout", "PT5S");
        return keys;
    }

    static CrmRestSettings settings(Map<String, String> keys) {
        return CrmRestSettings.from(config(keys));
    }

    /** A key that is not given has its default, or null when it has none, as DS does. */
    static CrmRestConfig config(Map<String, String> keys) {
        return ConfigProxy.of(CrmRestConfig.class, keys);
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return CdpJson.mapper().readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every wait; sleeps only when asked to (to prove a real wait happens). */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final boolean sleep;

        RecordingSleeper(boolean sleep) {
            this.sleep = sleep;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            waits.add(duration);
            if (sleep) {
                Thread.sleep(duration.toMillis());
            }
        }
    }
}

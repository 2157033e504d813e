package org.cdphub.assembly;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destination of the hub's outbound webhook in the latency benchmark: notes when the first {@code ENTERED} change
 * of the benchmark's segment arrives for each of the benchmark's people. A membership change carries the person's
 * identifiers; the driver's people are known by their tracking anonymousId, {@code anonymousId:web:<id>}.
 */
final class OutboundReceiver implements AutoCloseable {

    private final Pattern segment;
    private final Pattern entered = Pattern.compile("\"kind\"\\s*:\\s*\"ENTERED\"");
    private final Pattern person;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong others = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** @param idPrefix the start of every anonymousId the driver sends (letters, digits and '-') */
    OutboundReceiver(String segmentName, String idPrefix) throws IOException {
        segment = Pattern.compile("\"segment\"\\s*:\\s*\"" + Pattern.quote(segmentName) + "\"");
        person = Pattern.compile("\"web:(" + Pattern.quote(idPrefix) + "[0-9a-z-]+)\"");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/outbound";
    }

    /** When the change for this anonymousId arrived ({@link System#nanoTime()}), or null. */
    Long arrival(String anonymousId) {
        return arrivals.get(anonymousId);
    }

    long requests() {
        return requests.get();
    }

    /** Requests that were not a first entry of one of the driver's people into the segment. */
    long others() {
        return others.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long now = System.nanoTime();
        requests.incrementAndGet();
        for (String change : changes(body)) {
            Matcher m = person.matcher(change);
            if (segment.matcher(change).find() && entered.matcher(change).find() && m.find()) {
                if (arrivals.putIfAbsent(m.group(1), now) != null) {
                    others.incrementAndGet();
                }
            } else {
                others.incrementAndGet();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** The changes of a request body: one JSON object, or each top-level object of a JSON array (batch.size > 1). */
    static List<String> changes(String body) {
        String json = body.strip();
        if (!json.startsWith("[")) {
            return List.of(json);
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = 1; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' && depth++ == 0) {
                start = i;
            } else if (ch == '}' && --depth == 0) {
                out.add(json.substring(start, i + 1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

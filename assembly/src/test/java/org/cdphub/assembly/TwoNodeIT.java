package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdphub.api.model.CdpJson;
import org.junit.jupiter.api.Test;

/**
 * Two hub nodes on loopback, each a copy of the distribution without its embedded broker, share one external Artemis
 * broker (run in this JVM, on a free port) and one PostgreSQL schema. Overlapping people are fed through the tracking
 * API of both nodes at once (see {@link OverlappingPeople}); the merge stages of both nodes compete for
 * {@code cdp.fragments}. Once the pipeline is idle, the store must hold exactly the profiles the feed defines: one per
 * person, holding all of that person's identifiers and fragments, none lost or duplicated, and both nodes must have
 * merged some of the batches.
 */
class TwoNodeIT {

    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration FLOW = Duration.ofSeconds(120);
    private static final int CHAINED = 60;
    private static final int SINGLES = 10;
    private static final String WRITE_KEY = "demo-write-key";
    private static final String FRAGMENTS = "cdp.fragments";
    private static final String PROFILES_CHANGED = "cdp.profiles.changed";
    private static final Pattern MERGED = Pattern.compile("merged (\\d+) record\\(s\\) of source web");

    private final OverlappingPeople feed = new OverlappingPeople(CHAINED, SINGLES);
    private final List<Karaf> nodes = new ArrayList<>();
    private final List<NodeConfig.Ports> ports = new ArrayList<>();

    @Test
    void twoNodesSharingABrokerAndAStoreMergeOverlappingPeopleExactlyOnce() throws Throwable {
        Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
        Path work = Path.of(System.getProperty("cdphub.work", "target/it")).resolve("two-node");
        SharedSchema store = null;
        ExternalBroker broker = null;
        try {
            store = new SharedSchema();
            int brokerPort = NodeConfig.freePort();
            broker = ExternalBroker.start(distribution.resolve("etc/artemis.xml"), work.resolve("broker"), brokerPort,
                    Karaf.USER, Karaf.PASSWORD);
            for (int i = 0; i < 2; i++) {
                Karaf node = Karaf.copy(distribution, work.resolve("node-" + i));
                NodeConfig.Ports p = NodeConfig.Ports.free();
                NodeConfig.apply(node, p, "amqp://127.0.0.1:" + brokerPort, store);
                // the least delay: a sweep within the test (at most a batch that rolled back leaves rows to it)
                NodeConfig.set(node.home().resolve("etc").resolve("org.cdphub.pipeline.cfg"), "pending.changes.after",
                        "PT10S");
                nodes.add(node);
                ports.add(p);
            }
            run(broker, store);
        } catch (Throwable e) {
            throw withLogs(e);
        } finally {
            for (Karaf node : nodes) {
                try {
                    node.stop();
                } catch (Exception e) {
                    System.err.println("could not stop " + node.home() + ": " + e);
                }
            }
            if (broker != null) {
                broker.close();
            }
            if (store != null) {
                store.close();
            }
        }
        for (Karaf node : nodes) {
            assertThat(node.running()).as(node.home() + " stopped").isFalse();
        }
    }

    private void run(ExternalBroker broker, SharedSchema store) throws Exception {
        long t0 = System.nanoTime();
        for (Karaf node : nodes) {
            node.start(); // both boot at once: their schema migrations meet on the shared store as well
        }
        for (Karaf node : nodes) {
            node.await("cdp:connectors", out -> row(out, "web").contains("RUNNING"), BOOT);
            assertThat(node.client("bundle:list -s")).as("bundles of " + node.home())
                    .contains("cdphub-routes").doesNotContain("org.apache.activemq.artemis-server-osgi");
        }
        await(() -> broker.consumers(FRAGMENTS) == 2, "both nodes' merge stages consume " + FRAGMENTS, BOOT,
                () -> "consumers: " + broker.consumers(FRAGMENTS));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < nodes.size(); i++) {
            int node = i;
            await(() -> answers(http, node), "node " + node + " answers HTTP", BOOT, () -> "");
        }
        long t1 = System.nanoTime();

        send(http);
        long t2 = System.nanoTime();
        awaitIdle(broker, store);
        long t3 = System.nanoTime();

        assertThat(broker.pending("cdp.core.dlq")).as("core dead letters").isZero();
        assertThat(broker.pending("cdp.connector.web.dlq")).as("tracking dead letters").isZero();
        assertThat(broker.pending("DLQ." + FRAGMENTS)).as("fragment batches given up").isZero();
        // every merge recorded what it changed (the table's id sequence moved) and forgot it once its broker
        // transaction had committed; the sweeps announce only what a batch that rolled back left behind
        assertThat(count(store, "pg_sequences where schemaname = current_schema and sequencename like"
                + " 'cdp_pending_change%' and last_value >= 1")).as("changes recorded")
                .isEqualTo(1);
        await(() -> count(store, "cdp_pending_change") == 0, "no change the store committed is still pending",
                Duration.ofSeconds(40), () -> "pending: " + count(store, "cdp_pending_change"));
        for (Karaf node : nodes) {
            String log = java.nio.file.Files.readString(node.home().resolve("data/log/karaf.log"));
            if (!log.contains("rolled back")) {
                assertThat(log).as(node.home() + ": no lost announcement without a rolled-back batch")
                        .doesNotContain("whose announcement was lost");
            }
        }
        checkProfiles(store);
        List<Long> merged = new ArrayList<>();
        for (Karaf node : nodes) {
            merged.add(mergedRecords(node));
        }
        System.out.printf("TwoNodeIT: boot %.1f s, feed of %d calls %.1f s, drain %.1f s, records merged per node %s%n",
                secs(t1 - t0), feed.calls.size(), secs(t2 - t1), secs(t3 - t2), merged);
        assertThat(merged).as("records merged by node 0 and node 1").allSatisfy(n -> assertThat(n).isPositive());
        assertThat(merged.stream().mapToLong(Long::longValue).sum()).as("records merged by both nodes")
                .isGreaterThanOrEqualTo(feed.calls.size());

        // a load balancer's check: both nodes up; with the shared broker gone, down (503), within the check's bound
        for (int i = 0; i < nodes.size(); i++) {
            HttpResponse<String> health = health(http, i);
            assertThat(health.statusCode()).as("node " + i + ": " + health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"broker\":\"UP\"", "\"store\":\"UP\"");
        }
        broker.close();
        await(() -> {
            try {
                return health(http, 0).statusCode() == 503;
            } catch (IllegalStateException e) {
                return false;
            }
        }, "node 0 answers 503 once the broker is gone",
                Duration.ofSeconds(30), () -> "");
        HttpResponse<String> down = health(http, 1);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"broker\":\"DOWN\"", "\"store\":\"UP\"");
        assertThat(nodes.get(1).client("cdp:health")).contains("node: DOWN").contains("refuses connections");
    }

    private HttpResponse<String> health(HttpClient http, int node) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node).http()
                    + "/health")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET /health of node " + node + ": " + e, e);
        }
    }

    /** Sends every call to its node, two threads per node, each node's calls in a shuffled order. */
    private void send(HttpClient http) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            Random random = new Random(42);
            for (int node = 0; node < nodes.size(); node++) {
                List<OverlappingPeople.Call> calls = new ArrayList<>(feed.callsTo(node));
                Collections.shuffle(calls, random);
                int half = calls.size() / 2;
                for (List<OverlappingPeople.Call> part : List.of(calls.subList(0, half), calls.subList(half,
                        calls.size()))) {
                    sent.add(threads.submit(() -> {
                        for (OverlappingPeople.Call call : part) {
                            HttpResponse<String> response = identify(http, call.node(), call.json(), WRITE_KEY);
                            assertThat(response.statusCode()).as(call.messageId() + ": " + response.body())
                                    .isEqualTo(200);
                            assertThat(response.body()).as(call.messageId()).contains("\"accepted\":1");
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every fragment stored and the two stage queues empty, twice in a row (half a second apart). */
    private void awaitIdle(ExternalBroker broker, SharedSchema store) throws Exception {
        int[] quiet = {0};
        await(() -> {
            boolean idle = fragments(store) == feed.calls.size() && broker.pending(FRAGMENTS) == 0
                    && broker.pending(PROFILES_CHANGED) == 0;
            quiet[0] = idle ? quiet[0] + 1 : 0;
            return quiet[0] >= 2;
        }, "the pipeline is idle with every fragment stored", FLOW, () -> "fragments stored: " + fragments(store)
                + " of " + feed.calls.size() + ", pending on " + FRAGMENTS + ": " + broker.pending(FRAGMENTS)
                + ", on " + PROFILES_CHANGED + ": " + broker.pending(PROFILES_CHANGED));
    }

    private void checkProfiles(SharedSchema store) throws SQLException {
        try (Connection c = store.connect()) {
            Map<String, String> ownerOfIdentifier = map(c, "select id_key, profile_id from cdp_identifier");
            Map<String, String> ownerOfFragment = map(c,
                    "select source_record_id, profile_id from cdp_fragment where source = 'web'");
            Map<String, String> docs = map(c, "select profile_id, doc from cdp_profile");
            Map<String, String> aliases = map(c, "select alias_id, profile_id from cdp_profile_alias");

            assertThat(docs).as("one profile per person").hasSize(feed.people.size());
            assertThat(ownerOfIdentifier).as("identifiers stored").hasSize(feed.identifierCount());
            assertThat(ownerOfFragment).as("fragments stored").hasSize(feed.calls.size());

            Map<String, String> profileOfPerson = new HashMap<>();
            for (OverlappingPeople.Person person : feed.people) {
                Set<String> owners = new HashSet<>();
                person.identifiers().forEach(key -> owners.add(ownerOfIdentifier.get(key)));
                assertThat(owners).as(person.id() + "'s identifiers are held by one profile").hasSize(1)
                        .doesNotContainNull();
                String profile = owners.iterator().next();
                assertThat(docs).as(person.id() + "'s profile exists").containsKey(profile);
                assertThat(identifiersIn(docs.get(profile))).as(person.id() + "'s profile document")
                        .containsExactlyInAnyOrderElementsOf(person.identifiers());
                assertThat(profileOfPerson.put(person.id(), profile)).isNull();
            }
            assertThat(new HashSet<>(profileOfPerson.values())).as("people share no profile")
                    .hasSize(feed.people.size());
            for (OverlappingPeople.Call call : feed.calls) {
                assertThat(ownerOfFragment.get(call.messageId())).as("fragment " + call.messageId())
                        .isEqualTo(profileOfPerson.get(call.person()));
            }
            assertThat(aliases.values()).as("merged-away profiles point at live ones")
                    .allSatisfy(p -> assertThat(docs).containsKey(p));
            assertThat(aliases.keySet()).as("no alias is a live profile").doesNotContainAnyElementsOf(docs.keySet());
        }
    }

    private static Set<String> identifiersIn(String doc) {
        Set<String> keys = new HashSet<>();
        try {
            for (JsonNode i : CdpJson.mapper().readTree(doc).path("identifiers")) {
                keys.add(i.path("type").asText() + ":" + i.path("value").asText());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("profile document is not JSON: " + doc, e);
        }
        return keys;
    }

    private static Map<String, String> map(Connection c, String sql) throws SQLException {
        Map<String, String> map = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                assertThat(map.put(rs.getString(1), rs.getString(2))).as("key " + rs.getString(1)).isNull();
            }
        }
        return map;
    }

    private static long count(SharedSchema store, String table) {
        try (Connection c = store.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long fragments(SharedSchema store) {
        try (Connection c = store.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from cdp_fragment where source = 'web'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    /** Records this node's merge stage merged, from its DEBUG lines in data/log/karaf.log. */
    private static long mergedRecords(Karaf node) throws java.io.IOException {
        long n = 0;
        Path log = node.data().resolve("log/karaf.log");
        for (String line : Files.readAllLines(log)) {
            Matcher m = MERGED.matcher(line);
            if (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    private boolean answers(HttpClient http, int node) {
        try {
            return identify(http, node, "{}", "not-a-key").statusCode() == 401;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> identify(HttpClient http, int node, String body, String writeKey) throws Exception {
        String auth = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node).http()
                + "/v1/identify")).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier done, String what, Duration timeout,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "; " + state.get());
    }

    /** {@code failure} with the log tails of both nodes, so that a timeout says what the nodes were doing. */
    private AssertionError withLogs(Throwable failure) {
        StringBuilder logs = new StringBuilder(String.valueOf(failure.getMessage()));
        for (int i = 0; i < nodes.size(); i++) {
            logs.append("\n--- node ").append(i).append(" (").append(nodes.get(i).home()).append(") karaf.log tail ---\n")
                    .append(nodes.get(i).logTail(60));
        }
        return new AssertionError(logs.toString(), failure);
    }

    private static String row(String table, String id) {
        return table.lines().filter(l -> l.trim().startsWith(id + " ")).findFirst().orElse("");
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}

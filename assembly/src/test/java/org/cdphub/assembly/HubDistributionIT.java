package org.cdphub.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cdphub.api.model.CdpJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Boots a copy of the assembled distribution, drops CRM exports into two inboxes and follows the records through the
 * broker, the merge and segment stages and the outbound webhook connector, using only the console (bin/client).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubDistributionIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final String SHOPIFY_SECRET = "it-shopify-secret-0123456789";
    private static Karaf karaf;

    @BeforeAll
    static void boot() throws Exception {
        Path distribution = Path.of(System.getProperty("cdphub.distribution", "target/assembly"));
        karaf = Karaf.copy(distribution, Path.of(System.getProperty("cdphub.work", "target/it")).resolve("hub"));
        // a Shopify store sending webhooks (the distribution ships the connector's example only as .cfg.example)
        Files.writeString(karaf.home().resolve("etc/org.cdphub.connector.shopify-it.cfg"),
                "id = shop-it\nwebhook.secret = " + SHOPIFY_SECRET + "\nbackfill.enabled = false\n");
        karaf.start();
        karaf.await("cdp:connectors", out -> out.contains("crm-salesforce") && out.contains("crm-hubspot")
                && out.contains("webhook-demo") && out.contains("tracking") && count(out, "RUNNING") >= 4, BOOT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (karaf != null) {
            karaf.stop();
            assertThat(karaf.running()).as("Karaf stopped").isFalse();
        }
    }

    @Test
    @Order(1)
    void recordsFromTwoCrmsMergeIntoOneProfileInTheSegment() throws Exception {
        drop("it/salesforce-contacts.csv", "crm-salesforce");
        drop("it/hubspot-contacts.csv", "crm-hubspot");

        JsonNode zoe = awaitProfile("email:zoe.bakker@it.example.org",
                p -> p.path("sources").size() == 2 && p.path("segments").size() == 1);

        assertThat(values(zoe.path("sources"), "source")).containsExactlyInAnyOrder("crm-salesforce", "crm-hubspot");
        assertThat(keys(zoe.path("identifiers"))).contains("email:zoe.bakker@it.example.org", "phone:+31611112222",
                "crmId:crm-salesforce:IT-SF-1", "crmId:crm-hubspot:IT-HS-1");
        assertThat(zoe.path("segments").get(0).path("segment").asText()).isEqualTo("nl-customers");
        // the HubSpot record is newer: its last name survives, with its provenance
        assertThat(zoe.path("traits").path("lastName").path("value").asText()).isEqualTo("Bakker-Jansen");
        assertThat(zoe.path("traits").path("lastName").path("source").asText()).isEqualTo("crm-hubspot");
    }

    @Test
    @Order(2)
    void oneContactInTwoCrmsSharingOnlyAPhoneNumberWrittenDifferentlyMerges() throws Exception {
        // Bea has another e-mail address in each CRM; only her mobile number, written two ways, joins the records
        JsonNode bea = awaitProfile("email:bea.keten@it.example.org", p -> p.path("sources").size() == 2);
        assertThat(keys(bea.path("identifiers"))).contains("email:b.keten@it.example.org",
                "email:bea.keten@it.example.org", "phone:+31633334444");

        String work = karaf.client("cdp:profile email:b.keten@it.example.org");
        assertThat(work).contains("Profile " + bea.path("profileId").asText());
    }

    @Test
    @Order(3)
    void segmentMembershipChangesReachTheOutboundConnector() throws Exception {
        JsonNode zoe = awaitProfile("email:zoe.bakker@it.example.org", p -> p.path("segments").size() == 1);
        String zoeId = zoe.path("profileId").asText();
        Path outbox = karaf.data().resolve("outbox/webhook-demo");

        List<JsonNode> changes = awaitOutbox(outbox, lines -> lines.stream().anyMatch(
                c -> c.path("profileId").asText().equals(zoeId)));

        JsonNode entered = changes.stream().filter(c -> c.path("profileId").asText().equals(zoeId)).findFirst()
                .orElseThrow();
        assertThat(entered.path("segment").asText()).isEqualTo("nl-customers");
        assertThat(entered.path("kind").asText()).isEqualTo("ENTERED");
        assertThat(keys(entered.path("identifiers"))).contains("email:zoe.bakker@it.example.org");
        // Dave (BE) and Eva (DE) are not in the segment
        assertThat(changes).noneMatch(c -> keys(c.path("identifiers")).contains("email:dave.belg@it.example.org"));
    }

    @Test
    @Order(4)
    void badRowsAreDeadLetteredAndCountedWhileTheGoodOnesArrive() throws Exception {
        String connectors = karaf.await("cdp:connectors", out -> row(out, "crm-salesforce").contains(" 2 "), FLOW);
        // crm-salesforce: 5 rows read, 3 good sent, 2 dead-lettered (invalid email, wrong column count)
        assertThat(row(connectors, "crm-salesforce").replaceAll("\\s+", " "))
                .contains("INBOUND | RUNNING | 5 | 3 |");
        assertThat(karaf.client("cdp:profile email:eva.last@it.example.org")).contains("Profile ");
        assertThat(karaf.clientFailing("cdp:profile email:not-an-email")).contains("no profile holds");
        // the operator sees which rows and why, and they stay on the queue
        assertThat(row(karaf.client("cdp:dead-letters"), "cdp.connector.crm-salesforce.dlq")
                .replaceAll("\\s+", " ")).contains("| crm-salesforce | 2");
        String letters = karaf.client("cdp:dead-letters -v crm-salesforce");
        assertThat(letters).contains("salesforce-contacts.csv:4", "salesforce-contacts.csv:5",
                "IT-SF-4,Too,Few,columns");
        assertThat(count(karaf.client("cdp:dead-letters crm-salesforce"), "salesforce-contacts.csv:")).isEqualTo(2);
        // counted through the broker's management (the shipped broker lets the hub manage it), not by reading
        assertThat(karaf.logTail(100_000)).doesNotContain("queues are counted by reading them");
        assertThat(karaf.clientFailing("cdp:dead-letters --retry crm-salesforce")).contains("fix them at their source");
        assertThat(karaf.clientFailing("cdp:dead-letters --retry DLQ.cdp.nothing"))
                .contains("no dead-letter queue 'DLQ.cdp.nothing' on the broker");
        // a typo is the user's mistake, not the hub's: a message on the console, nothing at ERROR in the log
        assertThat(karaf.client("cdp:profile eva.last@it.example.org"))
                .contains("expected <type>:<value>, for example email:ann@example.com");
        assertThat(karaf.logTail(400)).doesNotContain("Exception caught while executing command");
    }

    @Test
    @Order(5)
    void theHubsJvmRunsWithTheDistributionsCollectorOnce() {
        // bin/start reads bin/setenv and runs bin/karaf, which reads it again: the options arrive once
        assertThat(karaf.jvmArguments()).containsOnlyOnce("-XX:+UseParallelGC")
                .noneMatch(a -> a.contains("Tiered"));
    }

    @Test
    @Order(5)
    void aConnectorConfigurationWithAWrongSettingIsListedWithTheKeyAndStartsOnceCorrected() throws Exception {
        Path file = karaf.home().resolve("etc/org.cdphub.connector.webhook-typo.cfg");
        Files.writeString(file, "id = webhook-typo\nurl = http://127.0.0.1:9/in\nbatch.size = 10O\n");
        String refused = karaf.await("cdp:connectors", out -> out.contains("Configurations that started no connector")
                && out.contains("webhook-typo"), FLOW);
        assertThat(refused).contains("  webhook-typo (webhook, ")
                .contains("/etc/org.cdphub.connector.webhook-typo.cfg): batch.size: '10O' is not a whole number");
        assertThat(refused.lines().filter(l -> l.contains("webhook-typo") && l.contains("|")))
                .as("no table row of a connector that never started").isEmpty();

        Files.writeString(file, "id = webhook-typo\nurl = http://127.0.0.1:9/in\nbatch.size = 100\n");
        String corrected = karaf.await("cdp:connectors", out -> row(out, "webhook-typo").contains("RUNNING"), FLOW);
        assertThat(corrected).doesNotContain("Configurations that started no connector");
        Files.delete(file);
        karaf.await("cdp:connectors", out -> !out.contains("webhook-typo"), FLOW);
    }

    @Test
    @Order(3)
    void theNodeAnswersItsHealthOverHttpAndOnTheConsole() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:8181/health")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"")
                .contains("\"store\":\"UP\"", "\"broker\":\"UP\"", "\"disk\":\"UP\"",
                        "\"connectors\":\"UP\"");
        String console = karaf.client("cdp:health");
        assertThat(console).contains("node: UP");
        assertThat(console.lines().filter(l -> l.contains("store"))).singleElement().asString()
                .contains("UP").contains("takes writes");
        assertThat(console.lines().filter(l -> l.contains("connectors"))).singleElement().asString()
                .contains("running");
        assertThat(console.lines().filter(l -> l.startsWith("disk") || l.contains(" disk "))).singleElement()
                .asString().contains("UP").contains("/data: ").contains("% used");
    }

    @Test
    @Order(5)
    void aConnectorConfigurationOfATypeThatIsNotInstalledIsListedWithTheFeatureToInstall() throws Exception {
        Path file = karaf.home().resolve("etc/org.cdphub.connector.sms.acme-promo.cfg");
        Files.writeString(file, "id = sms-promo\n");
        try {
            String listed = karaf.await("cdp:connectors", out -> out.contains("sms-promo"), FLOW);
            assertThat(listed).contains("  sms-promo (sms-acme, ")
                    .contains("/etc/org.cdphub.connector.sms.acme-promo.cfg): no installed bundle provides connector "
                            + "type 'sms-acme' (one of the hub's own: feature:install cdphub-connector-sms-acme;");
        } finally {
            Files.delete(file);
        }
        karaf.await("cdp:connectors", out -> !out.contains("sms-promo"), FLOW);
    }

    @Test
    @Order(5)
    void theShippedDemoDataIsNotLoadedUnlessAsked() throws Exception {
        assertThat(karaf.clientFailing("cdp:profile email:ann.devries@example.com"))
                .contains("no profile holds email:ann.devries@example.com");
    }

    @Test
    @Order(6)
    void trackingCallsStitchAnonymousVisitsToTheCrmPersonOnIdentify() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String page = "{\"anonymousId\":\"anon-it-1\",\"messageId\":\"it-page-1\",\"properties\":{\"path\":\"/shoes\"}}";
        String identify = "{\"anonymousId\":\"anon-it-1\",\"userId\":\"it-user-1\",\"messageId\":\"it-identify-1\","
                + "\"traits\":{\"email\":\"Zoe.Bakker@it.example.org\"}}";

        assertThat(post(http, "/v1/page", page, "demo-write-key").statusCode()).isEqualTo(200);
        assertThat(post(http, "/v1/identify", identify, "demo-write-key").statusCode()).isEqualTo(200);
        assertThat(post(http, "/v1/identify", identify, "wrong-key").statusCode()).isEqualTo(401);

        JsonNode zoe = awaitProfile("email:zoe.bakker@it.example.org", p -> keys(p.path("identifiers"))
                .contains("anonymousId:web:anon-it-1") && p.path("events").size() == 1);
        assertThat(keys(zoe.path("identifiers"))).contains("userId:web:it-user-1", "crmId:crm-salesforce:IT-SF-1");
        assertThat(zoe.path("events").get(0).path("type").asText()).isEqualTo("page");
        assertThat(zoe.path("events").get(0).path("properties").path("path").asText()).isEqualTo("/shoes");
    }

    @Test
    @Order(7)
    void aSignedShopifyOrderBecomesAnOrderEventWithComputedTraitsAndABadSignatureIsRefused() throws Exception {
        karaf.await("cdp:connectors", out -> row(out, "shop-it").contains("RUNNING"), FLOW);
        byte[] order;
        try (InputStream in = HubDistributionIT.class.getClassLoader().getResourceAsStream("it/shopify-order.json")) {
            order = in.readAllBytes();
        }
        HttpClient http = HttpClient.newHttpClient();
        assertThat(shopify(http, order, sign(order, "wrong-secret")).statusCode()).isEqualTo(401);
        assertThat(shopify(http, order, sign(order, SHOPIFY_SECRET)).statusCode()).isEqualTo(200);

        JsonNode zoe = awaitProfile("email:zoe.bakker@it.example.org",
                p -> p.path("traits").path("orderCount").path("value").asInt() == 1);
        assertThat(zoe.path("traits").path("totalSpend").path("value").asDouble()).isEqualTo(129.90);
        assertThat(zoe.path("traits").path("spendCurrency").path("value").asText()).isEqualTo("EUR");
        assertThat(zoe.path("traits").path("categoriesBought").path("value").get(0).asText()).isEqualTo("Shoes");
        assertThat(values(zoe.path("events"), "type")).contains("order");
        assertThat(keys(zoe.path("identifiers"))).contains("customerId:shop-it:115310627314723954");
        assertThat(row(karaf.client("cdp:connectors"), "shop-it")).doesNotContain(SHOPIFY_SECRET);
    }

    @Test
    @Order(8)
    void dmpAudiencesReachAPersonOnlyThroughTheCookieSyncWithTheirFirstPartyId() throws Exception {
        drop("it/audiences-it.csv", "dmp-acme");
        JsonNode anonymous = awaitProfile("cookieId:acme:c-it-77",
                p -> p.path("traits").path("dmpAudiences").path("value").size() == 2);
        JsonNode zoeBefore = awaitProfile("email:zoe.bakker@it.example.org", p -> true);
        assertThat(anonymous.path("profileId").asText()).isNotEqualTo(zoeBefore.path("profileId").asText());

        drop("it/sync-it.csv", "dmp-acme"); // c-it-77 seen with anon-it-1, whom an identify tied to Zoe (test 6)
        JsonNode zoe = awaitProfile("email:zoe.bakker@it.example.org",
                p -> keys(p.path("identifiers")).contains("cookieId:acme:c-it-77"));
        assertThat(zoe.path("traits").path("dmpAudiences").path("value").size()).isEqualTo(2);
        assertThat(zoe.path("traits").path("dmpAudiences").path("value").toString()).contains("sports", "travel");
        assertThat(karaf.client("cdp:profile cookieId:acme:c-it-88")).contains("Profile ");
        assertThat(karaf.client("cdp:profile --json cookieId:acme:c-it-88")).doesNotContain("zoe.bakker");
    }

    private static String sign(byte[] body, String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static HttpResponse<String> shopify(HttpClient http, byte[] body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8181/webhooks/shopify/shop-it"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Hmac-Sha256", signature)
                .header("X-Shopify-Shop-Domain", "it-shop.myshopify.com")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String path, String body, String writeKey)
            throws Exception {
        String auth = Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8181" + path))
                .timeout(Duration.ofSeconds(30)).version(HttpClient.Version.HTTP_2)
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitProfile(String identifier, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        String out = karaf.await("cdp:profile --json " + identifier, o -> {
            JsonNode p = json(o);
            return p != null && done.test(p);
        }, FLOW);
        return json(out);
    }

    private static List<JsonNode> awaitOutbox(Path outbox, java.util.function.Predicate<List<JsonNode>> done)
            throws Exception {
        long deadline = System.currentTimeMillis() + FLOW.toMillis();
        List<JsonNode> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            lines = readOutbox(outbox);
            if (done.test(lines)) {
                return lines;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("outbox " + outbox + " never had the expected change; it had " + lines
                + "\n" + karaf.logTail(60));
    }

    private static List<JsonNode> readOutbox(Path outbox) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(outbox)) {
            return out;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        out.add(CdpJson.mapper().readTree(line));
                    }
                }
            }
        }
        return out;
    }

    private static void drop(String resource, String connectorId) throws IOException {
        Path inbox = karaf.data().resolve("inbox").resolve(connectorId);
        Files.createDirectories(inbox);
        Path name = Path.of(resource).getFileName();
        Path staging = inbox.resolveSibling(name + ".tmp");
        try (InputStream in = HubDistributionIT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, staging, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode json(String out) {
        int start = out.indexOf('{');
        if (start < 0) {
            return null;
        }
        try {
            return CdpJson.mapper().readTree(out.substring(start));
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> keys(JsonNode identifiers) {
        List<String> keys = new ArrayList<>();
        identifiers.forEach(i -> keys.add(i.path("type").asText() + ":" + i.path("value").asText()));
        return keys;
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.path(field).asText()));
        return values;
    }

    private static String row(String table, String id) {
        return table.lines().filter(l -> l.trim().startsWith(id + " ")).findFirst().orElse("");
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}

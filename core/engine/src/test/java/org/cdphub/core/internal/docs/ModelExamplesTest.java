package org.cdphub.core.internal.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.merge.EngineFixture;
import org.cdphub.core.internal.segment.TestSegments;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;

/**
 * Produces the JSON examples of docs/model.md by running the engine for real, writes them to
 * target/model-examples/, and pins the field names the document describes.
 */
class ModelExamplesTest {

    static final String SURVIVOR = "3f1d2c8e-5b7a-4c1e-9d2f-0a6b8c4e7d11";
    static final String ABSORBED = "9a8b7c6d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";
    static final String OTHER = "c4e2a9b1-7d3f-4e8a-b6c5-2f1e0d9c8b7a";

    @Test
    void examplesOfTheCanonicalModel() throws IOException {
        EngineFixture fx = new EngineFixture().nextIds(SURVIVOR, ABSORBED, OTHER);
        SegmentEvaluator segments = new SegmentEvaluator(fx.dataSource,
                TestSegments.of("nl-customers", TestSegments.NL), fx.clock);
        Instant t0 = fx.clock.instant();

        Fragment crm = fragment("crm-salesforce", "0035g00000XyZ1AAK", Instant.parse("2025-02-27T16:45:12Z"))
                .email("Ann.de.Vries@Example.com").phone("06 12345678").id("crmId", "salesforce:0035g00000XyZ1AAK")
                .trait("firstName", "Ann").trait("lastName", "de Vries").trait("country", "NL")
                .consent(new Consent("marketing", "email", ConsentStatus.GRANTED,
                        Instant.parse("2024-11-02T10:00:00Z"), "crm-salesforce"))
                .provenance("file", "contacts.csv").provenance("line", "17").build();
        segments.evaluate(fx.engine.merge(List.of(crm)).changedProfileIds(), List.of());

        fx.clock.advance(Duration.ofMinutes(5));
        Fragment shop = fragment("webshop", "customer-5521", Instant.parse("2025-03-01T08:58:03Z"))
                .id("customerId", "webshop:5521").trait("firstName", "Anna").trait("loyaltyTier", "gold")
                .trait("country", "nl")
                .event(new Event("order", Instant.parse("2025-03-01T08:57:40Z"), "webshop", "order-99812",
                        Map.of("total", 59.95, "currency", "EUR")))
                .build();
        segments.evaluate(fx.engine.merge(List.of(shop)).changedProfileIds(), List.of());

        fx.clock.advance(Duration.ofMinutes(5));
        Fragment link = fragment("webshop", "customer-5521", Instant.parse("2025-03-01T09:09:30Z"))
                .id("customerId", "webshop:5521").email("ann.de.vries@example.com").trait("firstName", "Anna")
                .trait("loyaltyTier", "gold")
                .event(new Event("order", Instant.parse("2025-03-01T08:57:40Z"), "webshop", "order-99812",
                        Map.of("total", 59.95, "currency", "EUR")))
                .consent(new Consent("marketing", "sms", ConsentStatus.DENIED, null, null))
                .provenance("api", "/customers/5521").build();
        MergeResult merged = fx.engine.merge(List.of(link,
                fragment("crm-salesforce", "0035g00000Bad", t0).email("ann@example")
                        .provenance("file", "contacts.csv").provenance("line", "18").build()));
        List<MembershipChange> changes = segments.evaluate(merged.changedProfileIds(), merged.absorbed());

        Profile profile = fx.queries.findById(ABSORBED).orElseThrow();
        MergeResult.Rejected rejected = merged.rejected().get(0);
        // as the merge stage writes it (MergeRoute: the file and line of the fragment's provenance)
        DeadLetter deadLetter = new DeadLetter("core.merge", rejected.fragment().source(), "contacts.csv:18",
                rejected.reason(), CdpJson.write(rejected.fragment()), fx.clock.instant());

        Fragment stored = CdpJson.read(TestStore.rows(fx.dataSource,
                "select body from cdp_fragment where source_record_id = ?", crm.sourceRecordId()).get(0).get(0),
                Fragment.class);
        write("fragment-as-sent", crm);
        write("fragment", stored);
        write("profile", profile);
        write("membership-change-exited", changes.get(0));
        write("membership-change-entered", enteredExample(fx, segments));
        write("dead-letter", deadLetter);

        assertThat(fieldNames(crm)).containsExactly("source", "sourceRecordId", "observedAt", "identifiers", "traits",
                "consents", "provenance");
        assertThat(fieldNames(profile)).containsExactly("profileId", "identifiers", "traits", "consents", "events",
                "segments", "aliases", "sources", "createdAt", "updatedAt");
        assertThat(profile.profileId()).isEqualTo(SURVIVOR);
        assertThat(profile.aliases()).containsExactly(ABSORBED);
        assertThat(CdpJson.read(CdpJson.write(profile), Profile.class)).isEqualTo(profile);
        assertThat(fieldNames(changes.get(0))).containsExactly("profileId", "segment", "kind", "at", "reason",
                "identifiers", "consents");
        assertThat(changes).extracting(MembershipChange::profileId, MembershipChange::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ABSORBED, "merged-into:" + SURVIVOR));
        assertThat(stored.identifiers()).extracting(i -> i.value())
                .containsExactly("ann.de.vries@example.com", "+31612345678", "salesforce:0035g00000XyZ1AAK");
        assertThat(fieldNames(deadLetter)).containsExactly("stage", "source", "location", "reason", "raw", "at");

        // the document shows exactly what the engine made: an example that no longer matches fails here
        List<JsonNode> documented = jsonBlocks(Path.of("..", "..", "docs", "model.md"));
        for (Object example : List.of(crm, profile, changes.get(0), deadLetter)) {
            assertThat(documented).as("docs/model.md holds %s as target/model-examples/ has it",
                    example.getClass().getSimpleName()).contains(CdpJson.mapper().valueToTree(example));
        }
    }

    /** Every ```json block of a Markdown file that is one JSON document. */
    private static List<JsonNode> jsonBlocks(Path markdown) throws IOException {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        while (m.find()) {
            try {
                blocks.add(CdpJson.mapper().readTree(m.group(1)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // a fragment of JSON shown for one field, not an example
            }
        }
        return blocks;
    }

    /** An ENTERED change as evaluation produces it: a fresh profile in the Netherlands. */
    private static MembershipChange enteredExample(EngineFixture fx, SegmentEvaluator segments) {
        MergeResult result = fx.engine.merge(List.of(fragment("crm-salesforce", "0035g00000Kp2QAAS",
                Instant.parse("2025-03-01T09:10:00Z")).email("joost@example.nl").trait("country", "nl")
                .consent(new Consent("marketing", "email", ConsentStatus.GRANTED,
                        Instant.parse("2025-01-15T12:00:00Z"), "crm-salesforce")).build()));
        return segments.evaluate(result.changedProfileIds(), result.absorbed()).get(0);
    }

    private static List<String> fieldNames(Object value) {
        JsonNode node = CdpJson.mapper().valueToTree(value);
        return iterate(node.fieldNames());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static void write(String name, Object value) throws IOException {
        Path dir = Path.of("target", "model-examples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), CdpJson.writePretty(value) + "\n");
    }
}

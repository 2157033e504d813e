package org.cdphub.connector.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.ConsentStatus;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.junit.jupiter.api.Test;

/** The recorded payloads in fixtures/tracking are the examples of the Segment HTTP Tracking API spec. */
class SegmentMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:00:00Z");
    private final SegmentMapper mapper = new SegmentMapper("web", new IdentifierNormalizer("NL"));

    @Test
    void identifyStitchesAnonymousAndUserIdAndMapsReservedTraits() throws IOException {
        Fragment f = accepted(mapper.map("identify", fixture("identify"), RECEIVED));

        assertThat(f.source()).isEqualTo("web");
        assertThat(f.sourceRecordId()).isEqualTo("022bb90c-bbac-11e4-8dfc-aa07a5b093db");
        assertThat(f.observedAt()).isEqualTo(Instant.parse("2015-02-23T22:28:55.111Z"));
        assertThat(f.identifiers()).containsExactlyInAnyOrder(new Identifier("userId", "web:97980cfea0067"),
                new Identifier("anonymousId", "web:507f191e810c19729de860ea"),
                new Identifier("email", "peter@example.com"), new Identifier("phone", "+31612345678"));
        assertThat(f.traits()).containsEntry("firstName", "Peter").containsEntry("lastName", "Gibbons")
                .containsEntry("city", "San Francisco").containsEntry("postcode", "94103")
                .containsEntry("region", "CA").containsEntry("country", "USA").containsEntry("plan", "premium")
                .containsEntry("logins", 5).doesNotContainKeys("email", "phone");
        assertThat(f.consents()).extracting(c -> c.purpose() + "/" + c.channel() + "=" + c.status())
                .containsExactlyInAnyOrder("advertising/web=" + ConsentStatus.DENIED,
                        "analytics/web=" + ConsentStatus.GRANTED);
        assertThat(f.events()).isEmpty();
    }

    @Test
    void trackBecomesANamedEventOnTheTimeline() throws IOException {
        Fragment f = accepted(mapper.map("track", fixture("track"), RECEIVED));

        assertThat(f.events()).hasSize(1);
        Event e = f.events().get(0);
        assertThat(e.type()).isEqualTo("Course Clicked");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2015-12-12T19:11:01.249Z"));
        assertThat(e.sourceEventId()).isEqualTo("ajs-f8ca1e4de5024d9430b3928bd8ac6b96");
        assertThat(e.properties()).containsEntry("title", "Intro to Analytics");
        assertThat(f.traits()).isEmpty();
    }

    @Test
    void withEventsTtlWhatThePersonDidExpiresAndWhoTheyAreDoesNot() throws IOException {
        SegmentMapper expiring = new SegmentMapper("web", new IdentifierNormalizer("NL"), Duration.ofDays(30));
        for (String type : List.of("track", "page", "screen")) {
            Fragment f = accepted(expiring.map(type, fixture(type), RECEIVED));
            assertThat(f.expiresAt()).as(type).isEqualTo(f.observedAt().plus(Duration.ofDays(30)));
        }
        for (String type : List.of("identify", "group", "alias")) {
            assertThat(accepted(expiring.map(type, fixture(type), RECEIVED)).expiresAt()).as(type).isNull();
        }
        assertThat(accepted(mapper.map("track", fixture("track"), RECEIVED)).expiresAt()).as("no ttl").isNull();
        // a call with consent preferences (Segment's consent management adds them to every call) is kept: its
        // expiry would bring back the consent it overrode
        ObjectNode withConsent = (ObjectNode) fixture("track");
        withConsent.putObject("context").putObject("consent").putObject("categoryPreferences")
                .put("Advertising", false);
        Fragment kept = accepted(expiring.map("track", withConsent, RECEIVED));
        assertThat(kept.consents()).isNotEmpty();
        assertThat(kept.expiresAt()).isNull();
    }

    @Test
    void pageAndScreenKeepTheirNameAndProperties() throws IOException {
        Event page = accepted(mapper.map("page", fixture("page"), RECEIVED)).events().get(0);
        assertThat(page.type()).isEqualTo("page");
        assertThat(page.properties()).containsEntry("name", "Home").containsEntry("path", "/shoes/red");

        Event screen = accepted(mapper.map("screen", fixture("screen"), RECEIVED)).events().get(0);
        assertThat(screen.type()).isEqualTo("screen");
        assertThat(screen.properties()).containsEntry("Feed Type", "private");
    }

    @Test
    void aliasLinksThePreviousIdToTheUser() throws IOException {
        Fragment f = accepted(mapper.map("alias", fixture("alias"), RECEIVED));
        assertThat(f.identifiers()).contains(new Identifier("userId", "web:507f191e81"),
                new Identifier("userId", "web:39239-239239-239239-23923"));
    }

    @Test
    void groupIsAnEventWithTheGroupTraits() throws IOException {
        Event e = accepted(mapper.map("group", fixture("group"), RECEIVED)).events().get(0);
        assertThat(e.type()).isEqualTo("group");
        assertThat(e.properties()).containsEntry("groupId", "0e8c78ea9d97a7b8185e8632").containsEntry("employees", 329);
    }

    @Test
    void batchMessagesCarryTheirOwnType() throws IOException {
        assertThat(mapper.map(null, fixture("track"), RECEIVED)).isInstanceOf(Mapped.Accepted.class);
        assertThat(refusal(mapper.map(null, json("{\"type\":\"explode\",\"userId\":\"1\"}"), RECEIVED)))
                .startsWith("unknown message type 'explode'");
    }

    @Test
    void badMessagesAreRefusedWithAReasonNeverNull() throws IOException {
        assertThat(refusal(mapper.map("track", json("{\"event\":\"x\"}"), RECEIVED)))
                .isEqualTo("track: userId or anonymousId is required");
        assertThat(refusal(mapper.map("track", json("{\"userId\":\"1\"}"), RECEIVED)))
                .isEqualTo("track: the event name is required");
        assertThat(refusal(mapper.map("identify", json("{\"userId\":\"1\",\"traits\":{\"email\":\"nope\"}}"),
                RECEIVED))).startsWith("identify: traits.email: invalid email");
        assertThat(refusal(mapper.map("page", json("{\"userId\":\"1\",\"timestamp\":\"yesterday\"}"), RECEIVED)))
                .startsWith("invalid timestamp");
        assertThat(refusal(mapper.map("alias", json("{\"userId\":\"1\"}"), RECEIVED)))
                .isEqualTo("alias: previousId is required");
    }

    @Test
    void traitNamesThatAreNotIdentifiersAreKeptUnderASafeName() throws IOException {
        Fragment f = accepted(mapper.map("identify", json("{\"userId\":\"1\",\"traits\":{\"Favourite Colour\":\"red\","
                + "\"2fa\":true,\"tags\":[\"vip\",\"b2b\"]}}"), RECEIVED));
        assertThat(f.traits()).containsEntry("Favourite_Colour", "red").containsEntry("t_2fa", true)
                .containsEntry("tags", java.util.List.of("vip", "b2b"));
    }

    @Test
    void withoutTimestampTheReceiveTimeCounts() throws IOException {
        Fragment f = accepted(mapper.map("page", json("{\"anonymousId\":\"a\",\"messageId\":\"m\"}"), RECEIVED));
        assertThat(f.observedAt()).isEqualTo(RECEIVED);
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = SegmentMapperTest.class.getResourceAsStream("/fixtures/tracking/" + name + ".json")) {
            return CdpJson.mapper().readTree(in);
        }
    }

    private static JsonNode json(String text) throws IOException {
        return CdpJson.mapper().readTree(text);
    }

    private static Fragment accepted(Mapped mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Accepted.class);
        return ((Mapped.Accepted) mapped).fragment();
    }

    private static String refusal(Mapped mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Refused.class);
        return ((Mapped.Refused) mapped).reason();
    }
}

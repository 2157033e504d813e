package org.cdphub.routes.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.component.mock.MockEndpoint;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.junit.jupiter.api.Test;

/** What the merge and segment stages refuse: each becomes a dead letter with its reason, and the rest goes on. */
class PipelineDeadLetterTest extends PipelineRoutesTestSupport {

    @Test
    void aNullFragmentIsDeadLetteredWithItsMessagesSourceAndTheRestOfTheBatchIsMerged() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(2);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:fragments", List.of(
                new Received("[null, " + CdpJson.write(fragment("1")) + "]", java.util.Map.of(Headers.SOURCE, "crm")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("1", "2"));
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).isEqualTo("no fragment (null in the batch)");
        assertThat(letter.source()).isEqualTo("crm");
    }

    @Test
    void aMessageOfJsonNullIsDeadLetteredAndTheRestOfTheBatchIsMerged() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBody("direct:fragments", List.of(
                new Received("null", java.util.Map.of(Headers.SOURCE, "crm-x")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("2"));
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).isEqualTo("not a fragment batch: null, not a list of fragments");
        assertThat(letter.source()).isEqualTo("crm-x");
    }

    @Test
    void refusedFragmentsAreDeadLetteredWithTheReasonAndTheRestGoesOn() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        dead.expectedHeaderReceived(Headers.REASON, "no identifier");

        Fragment noId = new Fragment("crm", "9", CLOCK.instant(), List.of(), null, null, null, null);
        template.sendBody("direct:fragments", CdpJson.write(List.of(fragment("1"), noId)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.stage()).isEqualTo("core.merge");
        assertThat(letter.location()).isEqualTo("crm/9");
        assertThat(letter.raw()).contains("\"sourceRecordId\":\"9\"");
    }

    @Test
    void anInvalidIdentifierOfAMergedFragmentIsDeadLetteredWithItsReason() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        Fragment badPhone = new Fragment("crm", "1", CLOCK.instant(), List.of(new Identifier("email", "a@b.com"),
                new Identifier("phone", "12")), null, null, null, java.util.Map.of("file", "people.csv", "line", "7"));
        template.sendBody("direct:fragments", CdpJson.write(List.of(badPhone)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.location()).isEqualTo("people.csv:7");
        assertThat(letter.reason()).isEqualTo("identifier phone:12 links nothing: invalid phone number '12'"
                + " (the rest of the record was merged)");
        assertThat(letter.raw()).contains("\"kind\":\"INVALID\"");
    }

    @Test
    void aRefusedFragmentReadFromAFileIsDeadLetteredWithItsFileAndLine() throws Exception {
        getMockEndpoint("mock:membership").expectedMessageCount(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        Fragment noId = new Fragment("crm", "9", CLOCK.instant(), List.of(), null, null, null,
                java.util.Map.of("file", "contacts.csv", "line", "18"));
        template.sendBody("direct:fragments", CdpJson.write(List.of(fragment("1"), noId)));

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.location()).isEqualTo("contacts.csv:18");
        assertThat(letter.raw()).contains("\"sourceRecordId\":\"9\"");
    }

    @Test
    void aMessageThatIsNotAFragmentBatchIsDeadLetteredNotRetried() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        getMockEndpoint("mock:membership").expectedMessageCount(0);

        template.sendBodyAndHeader("direct:fragments", "{\"oops\": ", Headers.SOURCE, "crm-x");

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.reason()).startsWith("not a fragment batch");
        assertThat(letter.source()).isEqualTo("crm-x");
        assertThat(letter.raw()).isEqualTo("{\"oops\": ");
        assertThat(merged).isEmpty();
    }

    @Test
    void aMessageTheSegmentStageCannotReadIsDeadLetteredNotPublished() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);
        getMockEndpoint("mock:membership").expectedMessageCount(0);

        template.sendBody("direct:changed", "not json");

        MockEndpoint.assertIsSatisfied(context);
        DeadLetter letter = CdpJson.read(dead.getExchanges().get(0).getMessage().getBody(String.class), DeadLetter.class);
        assertThat(letter.stage()).isEqualTo("core.segments");
        assertThat(letter.reason()).startsWith("not a profiles-changed message");
        assertThat(letter.raw()).isEqualTo("not json");
        assertThat(evaluated).isEmpty();
    }

    @Test
    void aRemovalMessageThatIsNotAListOfIdsIsDeadLettered() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(2);

        template.sendBodyAndHeaders("direct:fragments", "{\"id\": 7}",
                java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS));
        template.sendBodyAndHeaders("direct:fragments", "[\"7\"]", java.util.Map.of(Headers.KIND, Headers.KIND_REMOVALS));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader(Headers.REASON, String.class))
                .startsWith("not a removal batch"));
        assertThat(removed).isEmpty();
    }

    @Test
    void aMessageWhoseSendTimeIsNotAnInstantIsDeadLetteredAndTheRestOfTheBatchIsMerged() throws Exception {
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(2);

        template.sendBody("direct:fragments", List.of(
                new Received("[\"7\"]", java.util.Map.of(Headers.SOURCE, "crm-x", Headers.KIND, Headers.KIND_REMOVALS,
                        Headers.SENT_AT, "yesterday")),
                new Received(CdpJson.write(List.of(fragment("1"))), java.util.Map.of(Headers.SOURCE, "crm",
                        Headers.SENT_AT, "2026-13-01T00:00:00Z")),
                new Received(CdpJson.write(List.of(fragment("2"))), java.util.Map.of(Headers.SOURCE, "crm"))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getExchanges()).extracting(e -> e.getMessage().getHeader(Headers.REASON, String.class))
                .containsExactly("header CdpSentAt is not an ISO-8601 instant: yesterday",
                        "header CdpSentAt is not an ISO-8601 instant: 2026-13-01T00:00:00Z");
        assertThat(removed).isEmpty();
        assertThat(merged).extracting(batch -> batch.stream().map(Fragment::sourceRecordId).toList())
                .containsExactly(List.of("2"));
    }
}

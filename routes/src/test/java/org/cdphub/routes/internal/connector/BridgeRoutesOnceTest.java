package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.routes.internal.Headers;
import org.junit.jupiter.api.Test;

/** The bridge of a connector that sends each record once (tracking): a batch goes as one message of no group. */
class BridgeRoutesOnceTest extends CamelTestSupport {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private final Counters counters = new Counters(CLOCK);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new BridgeRoutes("web", new BridgeRoutes.Endpoints("mock:fragments", "mock:dead", null),
                Optional.empty(), counters, CLOCK, false);
    }

    @Test
    void aBatchOfManyRecordsGoesAsOneMessageWithoutAGroupInTheOrderItCame() throws Exception {
        List<Fragment> batch = IntStream.range(0, 40).mapToObj(i -> new Fragment("web", "msg-" + i,
                Instant.parse("2026-12-02T09:00:00Z"), List.of(), null, null, null, null)).toList();
        MockEndpoint out = getMockEndpoint("mock:fragments");
        out.expectedMessageCount(1);
        out.expectedHeaderReceived(Headers.SOURCE, "web");
        out.expectedHeaderReceived(Headers.BATCH_SIZE, 40);

        template.sendBody(BridgeRoutes.FRAGMENTS, batch);

        MockEndpoint.assertIsSatisfied(context);
        Exchange sent = out.getExchanges().get(0);
        assertThat(sent.getMessage().getHeaders()).doesNotContainKey(Headers.GROUP).containsKey(Headers.SENT_AT);
        assertThat(CdpJson.read(sent.getMessage().getBody(String.class), CdpJson.FRAGMENT_LIST))
                .containsExactlyElementsOf(batch);
        assertThat(counters.sent).hasValue(40);
    }
}

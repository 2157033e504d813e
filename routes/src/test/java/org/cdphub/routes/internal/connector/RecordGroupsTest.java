package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.junit.jupiter.api.Test;

class RecordGroupsTest {

    @Test
    void aRecordsFragmentsAndRemovalsShareAGroupThatNamesTheConnector() {
        for (String id : List.of("c-1", "c-2", "", "\u00fcn\u00efcode", "c-9999")) {
            String group = RecordGroups.group("crm", id);
            assertThat(group).startsWith("records-crm-");
            assertThat(RecordGroups.messages("crm", List.of(fragment(id), new RecordGroups.Removal(id))))
                    .extracting(RecordGroups.Message::group).containsExactly(group, group);
        }
        assertThat(RecordGroups.group("crm", "c-1")).isNotEqualTo(RecordGroups.group("shop", "c-1"));
    }

    @Test
    void aBatchIsSplitByGroupKeepingItsOrderWithinEachGroup() {
        List<Fragment> batch = IntStream.range(0, 100).mapToObj(i -> fragment("r-" + (i % 30))).toList();

        List<RecordGroups.Message> messages = RecordGroups.messages("crm", batch);

        assertThat(messages).hasSize(RecordGroups.GROUPS).noneMatch(RecordGroups.Message::removals);
        assertThat(messages.stream().mapToInt(RecordGroups.Message::size).sum()).isEqualTo(100);
        for (RecordGroups.Message m : messages) {
            assertThat(CdpJson.read(m.json(), CdpJson.FRAGMENT_LIST)).hasSize(m.size()).containsExactlyElementsOf(
                    batch.stream().filter(f -> RecordGroups.group("crm", f.sourceRecordId()).equals(m.group())).toList());
        }
    }

    @Test
    void fragmentsAndRemovalsOfAGroupGoAsRunsInTheOrderTheyCame() {
        List<Object> items = List.of(fragment("a"), fragment("a"), new RecordGroups.Removal("a"), fragment("a"),
                new RecordGroups.Removal("a"), new RecordGroups.Removal("a"));

        List<RecordGroups.Message> messages = RecordGroups.messages("crm", items);

        assertThat(messages).extracting(RecordGroups.Message::removals).containsExactly(false, true, false, true);
        assertThat(messages).extracting(RecordGroups.Message::size).containsExactly(2, 1, 1, 2);
        assertThat(messages.get(3).json()).isEqualTo("[\"a\",\"a\"]");
        assertThat(messages).extracting(RecordGroups.Message::group).containsOnly(RecordGroups.group("crm", "a"));
    }

    @Test
    void whatIsNotAFragmentGoesWithTheBatchsFirstGroup() {
        List<Object> items = new ArrayList<>(java.util.Arrays.asList(fragment("c-1"), "garbage", null));

        List<RecordGroups.Message> messages = RecordGroups.messages("crm", items);

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).group()).isEqualTo(RecordGroups.group("crm", "c-1"));
        assertThat(messages.get(0).size()).isEqualTo(3);
        assertThat(RecordGroups.messages("crm", java.util.Arrays.asList(null, "x"))).hasSize(1);
        assertThat(RecordGroups.messages("crm", List.of())).isEmpty();
    }

    @Test
    void anItemJacksonCannotWriteGoesAsItsTextAndTheRestAsTheyAre() {
        Object unwritable = new Object() { // no properties: Jackson refuses an empty bean
            @Override
            public String toString() {
                return "not a fragment";
            }
        };

        List<RecordGroups.Message> messages = RecordGroups.messages("crm", java.util.Arrays.asList(fragment("c-1"),
                unwritable));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).json()).contains("\"c-1\"").contains("\"not a fragment\"");
    }

    @Test
    void aConnectorThatSendsEachRecordOnceSendsABatchAsOneMessageOfNoGroupPerRun() {
        List<Fragment> batch = IntStream.range(0, 100).mapToObj(i -> fragment("m-" + i)).toList();

        List<RecordGroups.Message> one = RecordGroups.messages("web", batch, false);

        assertThat(one).hasSize(1);
        assertThat(one.get(0).group()).isNull();
        assertThat(one.get(0).size()).isEqualTo(100);
        assertThat(CdpJson.read(one.get(0).json(), CdpJson.FRAGMENT_LIST)).containsExactlyElementsOf(batch);

        List<Object> mixed = List.of(fragment("m-1"), fragment("m-2"), new RecordGroups.Removal("m-0"),
                fragment("m-3"));
        assertThat(RecordGroups.messages("web", mixed, false))
                .extracting(RecordGroups.Message::group, RecordGroups.Message::removals, RecordGroups.Message::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, false, 2),
                        org.assertj.core.groups.Tuple.tuple(null, true, 1),
                        org.assertj.core.groups.Tuple.tuple(null, false, 1));
        assertThat(RecordGroups.messages("web", List.of(), false)).isEmpty();
    }

    private static Fragment fragment(String id) {
        return new Fragment("crm", id, Instant.parse("2026-12-01T00:00:00Z"), List.of(), null, null, null, null);
    }
}

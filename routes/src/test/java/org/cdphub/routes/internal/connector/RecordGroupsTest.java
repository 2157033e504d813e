package org.cdphub.routes.internal.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cdphub.api.model.Fragment;
import org.junit.jupiter.api.Test;

class RecordGroupsTest {

    @Test
    void aRecordsFragmentsAndRemovalsShareAGroupThatNamesTheConnector() {
        for (String id : List.of("c-1", "c-2", "", "ünïcode", "c-9999")) {
            String group = RecordGroups.group("crm", id);
            assertThat(group).startsWith("records-crm-");
            assertThat(RecordGroups.fragments("crm", List.of(fragment(id)))).containsOnlyKeys(group);
            assertThat(RecordGroups.removals("crm", List.of(id))).containsOnlyKeys(group);
        }
        assertThat(RecordGroups.group("crm", "c-1")).isNotEqualTo(RecordGroups.group("shop", "c-1"));
    }

    @Test
    void aBatchIsSplitByGroupKeepingItsOrderWithinEachGroup() {
        List<Fragment> batch = IntStream.range(0, 100).mapToObj(i -> fragment("r-" + (i % 30))).toList();

        Map<String, List<Object>> groups = RecordGroups.fragments("crm", batch);

        assertThat(groups).hasSize(RecordGroups.GROUPS);
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(100);
        groups.forEach((group, items) -> assertThat(items).containsExactlyElementsOf(
                batch.stream().filter(f -> RecordGroups.group("crm", f.sourceRecordId()).equals(group)).toList()));
    }

    @Test
    void whatIsNotAFragmentGoesWithTheBatchsFirstGroup() {
        Map<String, List<Object>> groups = RecordGroups.fragments("crm", java.util.Arrays.asList(fragment("c-1"),
                "garbage", null));

        assertThat(groups).containsOnlyKeys(RecordGroups.group("crm", "c-1"));
        assertThat(groups.get(RecordGroups.group("crm", "c-1"))).hasSize(3);
        assertThat(RecordGroups.fragments("crm", java.util.Arrays.asList(null, "x"))).hasSize(1);
        assertThat(RecordGroups.fragments("crm", List.of())).isEmpty();
    }

    private static Fragment fragment(String id) {
        return new Fragment("crm", id, Instant.parse("2026-12-01T00:00:00Z"), List.of(), null, null, null, null);
    }
}

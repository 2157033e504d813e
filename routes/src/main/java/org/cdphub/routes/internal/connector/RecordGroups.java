package org.cdphub.routes.internal.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.Fragment;

/**
 * Message groups ({@code JMSXGroupID}) on the fragments queue, so that a source record's fragments and removals are
 * merged in the order the connector sent them, however many nodes compete for the queue. The broker gives every
 * message of a group to one consumer, in order; without groups, a removal could be merged on one node before the
 * fragment it erases, still waiting on another, and the erased record would come back.
 *
 * <p>A record's group is one of {@value #GROUPS} per connector, by the hash of its source record id, so that the nodes
 * still share the work of one busy source. A batch is therefore sent as up to {@value #GROUPS} messages, each holding
 * the items of one group in the batch's order.
 */
final class RecordGroups {

    /** Groups per connector: up to this many nodes share one source's merging. */
    static final int GROUPS = 8;

    private RecordGroups() {
    }

    /**
     * The group of source record {@code sourceRecordId} of connector {@code connectorId}. The string hash is mixed
     * first: its low three bits alone are an alternating sum of the characters (31 is -1 modulo 8), which puts
     * numbered ids such as {@code 1001} and {@code 1010} together.
     */
    static String group(String connectorId, String sourceRecordId) {
        int h = sourceRecordId.hashCode();
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return "records-" + connectorId + "-" + Math.floorMod(h, GROUPS);
    }

    /**
     * The items of a batch by group, each group's in the batch's order, groups in order of first appearance. An item
     * that is not a fragment (which the merge stage will dead-letter) goes with the batch's first group.
     */
    static Map<String, List<Object>> fragments(String connectorId, List<?> batch) {
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        String first = null;
        for (Object item : batch) {
            String group = item instanceof Fragment f && f.sourceRecordId() != null
                    ? group(connectorId, f.sourceRecordId()) : first;
            if (group == null) {
                group = group(connectorId, "");
            }
            if (first == null) {
                first = group;
            }
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(item);
        }
        return groups;
    }

    /** Source record ids to remove, by group as {@link #fragments} groups their fragments. */
    static Map<String, List<String>> removals(String connectorId, List<String> recordIds) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String id : recordIds) {
            groups.computeIfAbsent(group(connectorId, id), g -> new ArrayList<>()).add(id);
        }
        return groups;
    }
}

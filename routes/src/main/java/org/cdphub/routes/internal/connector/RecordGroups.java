package org.cdphub.routes.internal.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;

/**
 * Message groups ({@code JMSXGroupID}) on the fragments queue, so that a source record's fragments and removals are
 * normally merged in the order the connector handed them in, however many nodes compete for the queue. The broker
 * gives every message of a group to one consumer, in order, until a consumer joins and it deals the groups out again
 * (etc/artemis.xml); a group can then move while a batch of it is still being merged. That a removal keeps out the
 * fragments sent before it does not rest on this order but on the messages' send times ({@link SendClock}); the
 * order spares the merge stage work and decides between two versions observed at the same time.
 *
 * <p>A record's group is one of {@value #GROUPS} per connector, by the hash of its source record id, so that the nodes
 * still share the work of one busy source. What the bridge sends at once (fragments and removals of several callers,
 * in the order they came) is therefore up to {@value #GROUPS} groups of messages: per group, a message for each run of
 * fragments or of removals, in that order.
 */
final class RecordGroups {

    /** Groups per connector: up to this many nodes share one source's merging. */
    static final int GROUPS = 8;

    /** A source record id to remove, as it waits among fragments to be sent. */
    record Removal(String sourceRecordId) {
    }

    /**
     * One message for the fragments queue: the fragments (or, {@code removals}, the source record ids to remove) of
     * one message group (null: of no group, for a connector that sends each record once), as JSON.
     */
    record Message(String group, boolean removals, int size, String json) {
    }

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
     * The messages for {@code items} (fragments, {@link Removal}s, or anything else, which the merge stage will
     * dead-letter and which goes with the first item's group): grouped by record group, groups in order of first
     * appearance; within a group, a message per run of fragments or of removals, in the order of {@code items}.
     */
    static List<Message> messages(String connectorId, List<?> items) {
        return messages(connectorId, items, true);
    }

    /**
     * As {@link #messages(String, List)} when {@code grouped}; else (a connector that sends each record once, see
     * {@link org.cdphub.spi.connector.Connector#sendsEachRecordOnce()}) the items in messages of no group: a
     * message per run of fragments or of removals, in the order of {@code items}.
     */
    static List<Message> messages(String connectorId, List<?> items, boolean grouped) {
        Map<String, List<Object>> groups = new LinkedHashMap<>();
        if (!grouped) {
            if (!items.isEmpty()) {
                groups.put(null, new ArrayList<>(items));
            }
            return runs(groups);
        }
        String first = null;
        for (Object item : items) {
            String group = item instanceof Fragment f ? group(connectorId, f.sourceRecordId())
                    : item instanceof Removal r ? group(connectorId, r.sourceRecordId())
                    : first != null ? first : group(connectorId, "");
            first = first != null ? first : group;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(item);
        }
        return runs(groups);
    }

    /** Per group, a message per run of fragments or of removals. */
    private static List<Message> runs(Map<String, List<Object>> groups) {
        List<Message> messages = new ArrayList<>();
        groups.forEach((group, inGroup) -> {
            List<Object> run = new ArrayList<>();
            for (Object item : inGroup) {
                if (!run.isEmpty() && (run.get(0) instanceof Removal) != (item instanceof Removal)) {
                    messages.add(message(group, run));
                    run = new ArrayList<>();
                }
                run.add(item);
            }
            messages.add(message(group, run));
        });
        return messages;
    }

    private static Message message(String group, List<Object> run) {
        if (run.get(0) instanceof Removal) {
            List<String> ids = run.stream().map(r -> ((Removal) r).sourceRecordId()).toList();
            return new Message(group, true, ids.size(), CdpJson.write(ids));
        }
        try {
            return new Message(group, false, run.size(), CdpJson.write(run));
        } catch (RuntimeException e) {
            // an item Jackson cannot write (a connector's mistake) goes as its text, which the merge stage
            // dead-letters, instead of failing the send of every caller's items
            return new Message(group, false, run.size(), CdpJson.write(run.stream().map(RecordGroups::writable)
                    .toList()));
        }
    }

    private static Object writable(Object item) {
        try {
            CdpJson.write(item);
            return item;
        } catch (RuntimeException e) {
            return String.valueOf(item);
        }
    }
}

package org.cdphub.connector.tracking.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last N messageIds seen, to drop client retries before they reach the queue. Bounded; the merge stage is
 * idempotent on the messageId as well, so an id that fell out of the window still changes nothing.
 */
final class RecentMessageIds {

    private final Map<String, Boolean> ids;

    RecentMessageIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is seen (within the window). */
    synchronized boolean firstTime(String messageId) {
        return ids.putIfAbsent(messageId, Boolean.TRUE) == null;
    }
}

package org.cdphub.connector.crm.rest.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.cdphub.spi.connector.Checkpoints;

/**
 * Where the contact sync stands: the {@code lastmodifieddate} of the newest contact sent, and the ids of the contacts
 * sent with exactly that time. The next search asks for {@code lastmodifieddate >= since} (HubSpot may still index a
 * contact changed in the same millisecond) and leaves out the ids already sent, so an unchanged contact is not sent
 * again on every poll. Immutable.
 *
 * @param since   lastmodifieddate of the newest contact sent
 * @param sentIds ids of the contacts sent whose lastmodifieddate is exactly {@code since}
 */
record SyncPosition(Instant since, Set<String> sentIds) {

    static final String SINCE_KEY = "contacts.modifiedSince";
    static final String IDS_KEY = "contacts.modifiedSince.sentIds";
    /**
     * The remembered ids must fit one checkpoint value (the store keeps up to 4000 characters): when there are more
     * contacts in one millisecond, none are remembered and they are sent once more (harmless).
     */
    static final int MAX_IDS_LENGTH = 3000;

    SyncPosition {
        sentIds = Set.copyOf(sentIds);
    }

    /** The saved position, or {@code initial} (sync.since) on the first run or when the saved one is unreadable. */
    static SyncPosition load(Checkpoints checkpoints, Instant initial) {
        Instant since;
        try {
            since = checkpoints.get(SINCE_KEY).map(Instant::parse).orElse(initial);
        } catch (DateTimeParseException e) {
            return new SyncPosition(initial, Set.of());
        }
        Set<String> ids = checkpoints.get(IDS_KEY).filter(v -> !v.isBlank())
                .map(v -> Set.copyOf(Arrays.asList(v.split(",")))).orElse(Set.of());
        return new SyncPosition(since, ids);
    }

    void save(Checkpoints checkpoints) {
        checkpoints.put(SINCE_KEY, since.toString());
        checkpoints.put(IDS_KEY, String.join(",", sentIds));
    }

    /** Whether this exact version of the contact was sent before. */
    boolean sent(String id, Instant modifiedAt) {
        return modifiedAt.equals(since) && sentIds.contains(id);
    }

    /** The position after sending contact {@code id} modified at {@code modifiedAt}. */
    SyncPosition after(String id, Instant modifiedAt) {
        if (modifiedAt.isAfter(since)) {
            return new SyncPosition(modifiedAt, Set.of(id));
        }
        if (modifiedAt.equals(since) && !sentIds.contains(id)) {
            Set<String> ids = new LinkedHashSet<>(sentIds);
            ids.add(id);
            return new SyncPosition(since, String.join(",", ids).length() > MAX_IDS_LENGTH ? Set.of() : ids);
        }
        return this;
    }

    /** HubSpot's filter value: epoch milliseconds as text. */
    String sinceMillis() {
        return Long.toString(since.toEpochMilli());
    }
}

package org.cdphub.connector.crm.jdbc.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One contact row as read, the input of {@link ContactMapper}. Values are as the driver gives them, with dates and
 * times as {@code java.time} types.
 *
 * @param key      the contact's key, as text
 * @param modified the modified timestamp, as an instant
 * @param deleted  the value of the soft-delete column, or null (also when there is none)
 * @param contact  mapped contact columns by configured name; null values included
 * @param account  mapped account columns by configured name; all null when the contact has no account
 */
record SourceRow(String key, Instant modified, Object deleted, Map<String, Object> contact,
        Map<String, Object> account) {

    SourceRow {
        contact = Collections.unmodifiableMap(new LinkedHashMap<>(contact));
        account = Collections.unmodifiableMap(new LinkedHashMap<>(account));
    }
}

package org.cdphub.spi.connector;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who a connector instance is.
 *
 * @param id        instance id, unique in the hub, for example {@code crm-salesforce}; used in route ids, queue names
 *                  and provenance
 * @param type      connector type, for example {@code crm-csv}
 * @param direction in or out
 * @param settings  its configuration as shown to an operator; secrets already masked
 */
public record ConnectorInfo(String id, String type, Direction direction, Map<String, String> settings) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public ConnectorInfo {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id: must be set, 1-63 characters of a-z, 0-9 and '-', starting with a "
                    + "letter or digit");
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: '" + id
                    + "' must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}

package org.cdphub.connector.crm.rest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The body of a HubSpot CRM v3 contact search for incremental sync: contacts with {@code lastmodifieddate >= since},
 * oldest change first, with the configured properties, one page of {@code limit} from cursor {@code after}:
 *
 * <pre>{@code
 * {"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE","value":"1710408067000"}]}],
 *  "sorts":[{"propertyName":"lastmodifieddate","direction":"ASCENDING"}],
 *  "properties":["email","firstname",...],"limit":100,"after":"100"}
 * }</pre>
 */
final class SearchRequest {

    private SearchRequest() {
    }

    static ObjectNode body(String sinceMillis, List<String> properties, int limit, String after) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode filter = f.objectNode()
                .put("propertyName", ContactMapper.LAST_MODIFIED)
                .put("operator", "GTE")
                .put("value", sinceMillis);
        ObjectNode body = f.objectNode();
        body.putArray("filterGroups").addObject().putArray("filters").add(filter);
        body.putArray("sorts").addObject()
                .put("propertyName", ContactMapper.LAST_MODIFIED)
                .put("direction", "ASCENDING");
        ArrayNode props = body.putArray("properties");
        properties.forEach(props::add);
        body.put("limit", limit);
        if (after != null) {
            body.put("after", after);
        }
        return body;
    }
}

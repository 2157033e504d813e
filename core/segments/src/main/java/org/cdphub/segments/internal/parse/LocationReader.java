package org.cdphub.segments.internal.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.DefinitionException;

/** Reads {@code location:} conditions: country, region, city (one value or a list) and near + radiusKm. */
final class LocationReader {

    private static final List<String> KEYS = List.of("country", "region", "city", "near", "radiusKm");

    private final Nodes nodes;

    LocationReader(Nodes nodes) {
        this.nodes = nodes;
    }

    Condition read(Node.Mapping m, Node.Entry kind) throws DefinitionException {
        nodes.onlyKeys(m, Set.of("location"), "a location condition");
        Node.Mapping loc = nodes.mapping(kind.value(), "'location'");
        nodes.onlyKeys(loc, KEYS, "'location'");
        if (loc.entries().isEmpty()) {
            throw nodes.error(loc.line(), "'location' needs one of " + String.join(", ", KEYS));
        }
        List<Condition> parts = new ArrayList<>();
        for (String place : List.of("country", "region", "city")) {
            Node.Entry entry = loc.entries().get(place);
            if (entry != null) {
                parts.add(new Condition.Place(place, values(entry)));
            }
        }
        Node.Entry near = loc.entries().get("near");
        Node.Entry radius = loc.entries().get("radiusKm");
        if ((near == null) != (radius == null)) {
            Node.Entry present = near == null ? radius : near;
            throw nodes.error(present.line(), "'near' and 'radiusKm' go together");
        }
        if (near != null) {
            Node.Mapping point = nodes.mapping(near.value(), "'near' (written { lat: 52.37, lon: 4.89 })");
            nodes.onlyKeys(point, List.of("lat", "lon"), "'near'");
            double lat = degrees(nodes.required(point, "lat", "'near'"), 90);
            double lon = degrees(nodes.required(point, "lon", "'near'"), 180);
            BigDecimal km = nodes.number(radius.value(), "'radiusKm'");
            if (km.signum() <= 0 || km.compareTo(BigDecimal.valueOf(20_100)) > 0) {
                throw nodes.error(radius.line(), "'radiusKm' must be above 0 and at most 20100, found " + km);
            }
            parts.add(new Condition.Near(lat, lon, km.doubleValue()));
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private List<String> values(Node.Entry entry) throws DefinitionException {
        String what = "'" + entry.key() + "'";
        if (entry.value() instanceof Node.Sequence seq) {
            if (seq.items().isEmpty()) {
                throw nodes.error(seq.line(), what + " needs at least one value");
            }
            List<String> out = new ArrayList<>();
            for (Node item : seq.items()) {
                out.add(nodes.text(item, "each value of " + what));
            }
            return out;
        }
        return List.of(nodes.text(entry.value(), what));
    }

    private double degrees(Node.Entry entry, int limit) throws DefinitionException {
        BigDecimal value = nodes.number(entry.value(), "'" + entry.key() + "'");
        if (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
            throw nodes.error(entry.line(), "'" + entry.key() + "' must be between -" + limit + " and " + limit
                    + ", found " + value);
        }
        return value.doubleValue();
    }
}

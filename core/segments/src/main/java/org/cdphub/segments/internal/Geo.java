package org.cdphub.segments.internal;

import java.math.BigDecimal;
import org.cdphub.segments.api.Condition;
import org.cdphub.segments.api.EvaluationInput;

/** Great-circle distances (haversine on a sphere with the Earth's mean radius). */
public final class Geo {

    /** Mean Earth radius in km (IUGG). */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private Geo() {
    }

    /** Distance in km between two points given in decimal degrees. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    static boolean near(Condition.Near c, EvaluationInput input) {
        double lat = degrees(input.trait(EvaluationInput.LATITUDE_TRAIT));
        double lon = degrees(input.trait(EvaluationInput.LONGITUDE_TRAIT));
        if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) { // NaN too: not a number
            return false;
        }
        // the distance is at least the arc between the two latitudes: most points are out without trigonometry (the
        // margin keeps a point on the circle to the haversine, whatever the rounding)
        if (EARTH_RADIUS_KM * Math.toRadians(Math.abs(lat - c.lat())) > c.radiusKm() * (1 + 1e-9) + 1e-9) {
            return false;
        }
        return distanceKm(lat, lon, c.lat(), c.lon()) <= c.radiusKm();
    }

    /** A trait value in degrees: a number, or a text holding one; NaN when it is neither. */
    private static double degrees(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof Integer || value instanceof Long) {
            return ((Number) value).doubleValue();
        }
        BigDecimal d = Values.decimal(value);
        return d == null ? Double.NaN : d.doubleValue();
    }
}

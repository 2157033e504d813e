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
        BigDecimal lat = Values.decimal(input.trait(EvaluationInput.LATITUDE_TRAIT));
        BigDecimal lon = Values.decimal(input.trait(EvaluationInput.LONGITUDE_TRAIT));
        if (lat == null || lon == null || Math.abs(lat.doubleValue()) > 90 || Math.abs(lon.doubleValue()) > 180) {
            return false;
        }
        return distanceKm(lat.doubleValue(), lon.doubleValue(), c.lat(), c.lon()) <= c.radiusKm();
    }
}

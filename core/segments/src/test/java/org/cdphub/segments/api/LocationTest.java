package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.segments.api.TestSupport.eval;
import static org.cdphub.segments.api.TestSupport.traits;

import org.cdphub.segments.internal.Geo;
import org.junit.jupiter.api.Test;

/** Country, region, city and radius conditions. */
class LocationTest {

    private static final EvaluationInput UTRECHT = traits("latitude", 52.0907, "longitude", "5.1214", "country",
            "NL", "region", "Utrecht", "city", "Utrecht");
    private static final String AMSTERDAM = "location: { near: { lat: 52.3676, lon: 4.9041 }, radiusKm: %s }";

    @Test
    void haversineDistanceAmsterdamUtrechtIsAbout35Km() {
        assertThat(Geo.distanceKm(52.3676, 4.9041, 52.0907, 5.1214)).isBetween(33.0, 36.0);
        assertThat(Geo.distanceKm(51.5074, -0.1278, 40.7128, -74.0060)).as("London-New York")
                .isBetween(5560.0, 5590.0);
    }

    @Test
    void utrechtIsWithin40KmOfAmsterdamButNotWithin30() {
        assertThat(eval(AMSTERDAM.formatted(40), UTRECHT)).isTrue();
        assertThat(eval(AMSTERDAM.formatted(30), UTRECHT)).isFalse();
    }

    @Test
    void aPointIsNearExactlyWhenItsHaversineDistanceIsWithinTheRadius() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2_000; i++) {
            double lat = 52.3676 + (random.nextDouble() - 0.5) * (i % 2 == 0 ? 0.0001 : 2); // due north and south too
            double lon = 4.9041 + (i % 3 == 0 ? 0 : (random.nextDouble() - 0.5) * 2);
            double distance = Geo.distanceKm(lat, lon, 52.3676, 4.9041);
            double radius = switch (i % 4) { // on the circle, a hair either side, and well away from it
                case 0 -> distance;
                case 1 -> Math.nextUp(distance);
                case 2 -> Math.max(0, Math.nextDown(distance));
                default -> random.nextDouble() * 80;
            };
            EvaluationInput point = traits("latitude", lat, "longitude", lon);
            assertThat(eval(AMSTERDAM.formatted(Double.toString(radius)), point))
                    .as("%s,%s at %s km, radius %s", lat, lon, distance, radius).isEqualTo(distance <= radius);
        }
    }

    @Test
    void noOrInvalidCoordinatesMeansNotNear() {
        assertThat(eval(AMSTERDAM.formatted(40), traits("country", "NL"))).isFalse();
        assertThat(eval(AMSTERDAM.formatted(40), traits("latitude", "north", "longitude", 5))).isFalse();
        assertThat(eval(AMSTERDAM.formatted(40), traits("latitude", 152.09, "longitude", 5.12))).isFalse();
    }

    @Test
    void countryRegionAndCityIgnoreCaseAndAcceptLists() {
        assertThat(eval("location: { country: nl }", UTRECHT)).isTrue();
        assertThat(eval("location: { country: [BE, NL] }", UTRECHT)).isTrue();
        assertThat(eval("location: { country: BE }", UTRECHT)).isFalse();
        assertThat(eval("location: { region: utrecht }", UTRECHT)).isTrue();
        assertThat(eval("location: { city: Amsterdam }", UTRECHT)).isFalse();
        assertThat(eval("location: { country: NL }", traits())).isFalse();
    }

    @Test
    void severalLocationKeysMustAllHold() {
        assertThat(eval("location: { country: NL, city: Utrecht, near: { lat: 52.3676, lon: 4.9041 }, radiusKm: 40 }",
                UTRECHT)).isTrue();
        assertThat(eval("location: { country: NL, city: Amsterdam }", UTRECHT)).isFalse();
    }

    @Test
    void norwayIsACountryCodeNotFalse() {
        assertThat(eval("location: { country: NO }", traits("country", "NO"))).isTrue();
        assertThat(eval("trait: country\nequals: NO", traits("country", "NO"))).isTrue();
    }
}
